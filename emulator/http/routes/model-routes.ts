import type { ILookmlModel } from '@looker/sdk';
import { applyPaging } from '../../content/search';
import type { ApiRoutes } from '../api-router';
import { sendJson } from '../api-router';
import { notFound } from '../errors';

/** Drops hidden explores when `exclude_hidden` asks for it. */
function withoutHidden(model: ILookmlModel): ILookmlModel {
  return { ...model, explores: (model.explores ?? []).filter((e) => e.hidden !== true) };
}

/** `GET /lookml_models`, `/lookml_models/:name`, `/lookml_models/:name/explores/:explore`, filtered by the caller's model set. */
export function registerModelRoutes(api: ApiRoutes): void {
  api.get('/lookml_models', (ctx) => {
    let list = ctx.services.engine
      .listModels()
      .filter((m) => typeof m.name === 'string' && ctx.caller.policy.canUseModel(m.name));
    if (ctx.params.bool('exclude_hidden') === true) list = list.map(withoutHidden);
    if (ctx.params.bool('exclude_empty') === true) list = list.filter((m) => (m.explores ?? []).length > 0);
    sendJson(ctx, applyPaging(list, { limit: ctx.params.int('limit'), offset: ctx.params.int('offset') }));
  });

  api.get('/lookml_models/:lookml_model_name', (ctx) => {
    const name = String(ctx.req.params.lookml_model_name);
    const model = ctx.caller.policy.canUseModel(name) ? ctx.services.engine.getModel(name) : undefined;
    if (!model) throw notFound();
    sendJson(ctx, model);
  });

  api.get('/lookml_models/:lookml_model_name/explores/:explore_name', (ctx) => {
    const name = String(ctx.req.params.lookml_model_name);
    const explore = ctx.caller.policy.canUseModel(name)
      ? ctx.services.engine.getExplore(name, String(ctx.req.params.explore_name))
      : undefined;
    if (!explore) throw notFound();
    sendJson(ctx, explore);
  });
}

import type { IValidationError } from '@looker/sdk';
import { DEMO_USER_IDS, FOLDER_IDS, type Delivery, type RunningEmulator } from '../../../emulator';
import { errorStatus, sdkAsUser, startEmulatorSuite, type EmulatorSuite, type SdkClient } from './emulator-sdk';

let suite: EmulatorSuite;
let emulator: RunningEmulator;
let admin: SdkClient;
let viewer: SdkClient;
let analyst: SdkClient;

beforeAll(async () => {
  suite = await startEmulatorSuite();
  ({ emulator, admin, viewer } = suite);
  analyst = await sdkAsUser(admin.sdk, emulator.url, DEMO_USER_IDS.analyst);
});

afterAll(() => suite?.stop());

/** The error body of a refused SDK call (the call must fail). */
async function refusal<T>(call: Promise<{ ok: true; value: T } | { ok: false; error: unknown }>): Promise<unknown> {
  const result = await call;
  if (result.ok) throw new Error(`expected a refusal, got ${JSON.stringify(result.value)}`);
  return result.error;
}

/** The deliveries the emulator recorded, read over HTTP as a test outside the process would. */
async function deliveries(): Promise<Delivery[]> {
  const response = await fetch(`${emulator.url}/__emulator/deliveries`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { deliveries: Delivery[] }).deliveries;
}

describe('content favorites', () => {
  it('lets a user favorite a look and a dashboard, counts them, finds and deletes them', async () => {
    const { sdk } = viewer;
    const look = await sdk.ok(sdk.look('9'));
    const dashboard = await sdk.ok(sdk.dashboard('2'));
    expect(look.content_favorite_id).toBeNull();

    const onLook = await sdk.ok(
      sdk.create_content_favorite({
        user_id: DEMO_USER_IDS.viewer,
        content_metadata_id: String(look.content_metadata_id),
      }),
    );
    expect(onLook).toMatchObject({
      user_id: DEMO_USER_IDS.viewer,
      content_metadata_id: String(look.content_metadata_id),
      look_id: '9',
      dashboard_id: null,
    });
    const onDashboard = await sdk.ok(
      sdk.create_content_favorite({
        user_id: DEMO_USER_IDS.viewer,
        content_metadata_id: String(dashboard.content_metadata_id),
      }),
    );
    expect(onDashboard.dashboard_id).toBe('2');

    const again = await sdk.ok(sdk.look('9'));
    expect(again.content_favorite_id).toBe(onLook.id);
    expect(again.favorite_count).toBe(Number(look.favorite_count) + 1);
    // The favorite is Victor's: the admin's view of the look shows none of its own.
    expect((await admin.sdk.ok(admin.sdk.look('9'))).content_favorite_id).toBeNull();

    const mine = await sdk.ok(sdk.search_content_favorites({ user_id: DEMO_USER_IDS.viewer }));
    expect(mine.map((f) => f.id)).toEqual([onLook.id, onDashboard.id]);
    expect((await sdk.ok(sdk.search_content_favorites({ look_id: '9' }))).map((f) => f.id)).toEqual([onLook.id]);

    const duplicate = (await refusal(
      sdk.create_content_favorite({
        user_id: DEMO_USER_IDS.viewer,
        content_metadata_id: String(look.content_metadata_id),
      }),
    )) as IValidationError;
    expect(duplicate.errors?.map((e) => e.code)).toEqual(['already_exists']);

    await sdk.ok(sdk.delete_content_favorite(String(onLook.id)));
    expect((await sdk.ok(sdk.look('9'))).favorite_count).toBe(look.favorite_count);
    expect((await sdk.ok(sdk.search_content_favorites({ user_id: DEMO_USER_IDS.viewer }))).map((f) => f.id)).toEqual([
      onDashboard.id,
    ]);
  });

  it("refuses a favorite for another user, even from an admin, and hides others' favorites", async () => {
    const look = await admin.sdk.ok(admin.sdk.look('9'));
    const refused = (await refusal(
      admin.sdk.create_content_favorite({
        user_id: DEMO_USER_IDS.viewer,
        content_metadata_id: String(look.content_metadata_id),
      }),
    )) as IValidationError;
    expect(refused.errors?.map((e) => [e.field, e.code])).toEqual([['user_id', 'invalid']]);
    const adas = await analyst.sdk.ok(
      analyst.sdk.create_content_favorite({
        user_id: DEMO_USER_IDS.analyst,
        content_metadata_id: String(look.content_metadata_id),
      }),
    );
    expect(errorStatus(await refusal(viewer.sdk.delete_content_favorite(String(adas.id))))).toBe(404);
    expect(await viewer.sdk.ok(viewer.sdk.search_content_favorites({ user_id: DEMO_USER_IDS.analyst }))).toEqual([]);
    // Content the user cannot see cannot be a favorite: Victor does not see Finance.
    const finance = await admin.sdk.ok(admin.sdk.search_looks({ folder_id: FOLDER_IDS.finance, limit: 1 }));
    const hidden = String(finance[0]?.content_metadata_id);
    expect(
      errorStatus(
        await refusal(
          viewer.sdk.create_content_favorite({ user_id: DEMO_USER_IDS.viewer, content_metadata_id: hidden }),
        ),
      ),
    ).toBe(404);
  });
});

describe('scheduled plans', () => {
  const destination = {
    type: 'email',
    format: 'csv',
    address: 'ops@example.com',
    apply_formatting: true,
    apply_vis: false,
  };

  it('validates plans as the spec says: name, one source, crontab, destinations', async () => {
    const { sdk } = admin;
    const noName = (await refusal(
      sdk.create_scheduled_plan({ look_id: '2', crontab: '0 6 * * 1', scheduled_plan_destination: [destination] }),
    )) as IValidationError;
    expect(noName).toEqual({
      message: 'Validation Failed',
      errors: [
        {
          field: 'name',
          code: 'missing_field',
          message: 'is not present',
          documentation_url: expect.stringContaining('/422/post/scheduled_plans'),
        },
      ],
      documentation_url: expect.stringContaining('/422/post/scheduled_plans'),
    });
    const noDestination = (await refusal(
      sdk.create_scheduled_plan({ name: 'Weekly', look_id: '2', crontab: '0 6 * * 1', scheduled_plan_destination: [] }),
    )) as IValidationError;
    expect(noDestination.errors?.map((e) => [e.field, e.code])).toEqual([
      ['scheduled_plan_destination', 'missing_field'],
    ]);
    const twoSources = (await refusal(
      sdk.create_scheduled_plan({
        name: 'Weekly',
        look_id: '2',
        dashboard_id: '1',
        crontab: '0 6 * * 1',
        scheduled_plan_destination: [{ ...destination, type: 'pigeon' }],
      }),
    )) as IValidationError;
    expect(twoSources.errors?.map((e) => [e.field, e.code])).toEqual([
      ['dashboard_id', 'invalid'],
      ['scheduled_plan_destination.type', 'invalid'],
    ]);
    expect(emulator.control.deliveries()).toEqual([]);
  });

  it('creates, reads, updates and runs a plan once; only the run records deliveries', async () => {
    const { sdk } = admin;
    emulator.control.reset();
    const plan = await sdk.ok(
      sdk.create_scheduled_plan({
        name: 'Weekly orders',
        look_id: '2',
        crontab: '0 6 * * 1',
        require_results: false,
        require_no_results: false,
        require_change: false,
        scheduled_plan_destination: [destination],
      }),
    );
    expect(plan).toMatchObject({
      name: 'Weekly orders',
      look_id: '2',
      user_id: DEMO_USER_IDS.apiAdmin,
      run_once: false,
    });
    expect(plan.scheduled_plan_destination?.[0]).toMatchObject({ ...destination, scheduled_plan_id: plan.id });
    const id = String(plan.id);
    expect((await sdk.ok(sdk.scheduled_plan(id))).name).toBe('Weekly orders');

    const updated = await sdk.ok(
      sdk.update_scheduled_plan(id, {
        crontab: '0 7 * * *',
        scheduled_plan_destination: [
          destination,
          { type: 'webhook', format: 'json', address: 'https://hooks.example.com/x' },
        ],
      }),
    );
    expect(updated.crontab).toBe('0 7 * * *');
    expect(updated.scheduled_plan_destination).toHaveLength(2);
    expect(await deliveries()).toEqual([]);

    const run = await sdk.ok(sdk.scheduled_plan_run_once_by_id(id));
    expect(run.run_once).toBe(true);
    expect(run.id).not.toBe(id);
    const recorded = await deliveries();
    expect(recorded).toEqual([
      expect.objectContaining({
        scheduledPlanId: id,
        type: 'email',
        address: 'ops@example.com',
        format: 'csv',
        lookId: '2',
      }),
      expect.objectContaining({
        scheduledPlanId: id,
        type: 'webhook',
        address: 'https://hooks.example.com/x',
        lookId: '2',
      }),
    ]);
    expect(recorded.every((d) => !Number.isNaN(Date.parse(d.time)))).toBe(true);
    expect(emulator.control.deliveries()).toEqual(recorded);
    expect(emulator.stats().byRoute['POST /api/4.0/scheduled_plans/:scheduled_plan_id/run_once']).toBe(1);

    await sdk.ok(sdk.delete_scheduled_plan(id));
    expect(errorStatus(await refusal(sdk.scheduled_plan(id)))).toBe(404);

    await fetch(`${emulator.url}/__emulator/reset`, { method: 'POST' });
    expect(await deliveries()).toEqual([]);
    expect(errorStatus(await refusal(sdk.scheduled_plan(String(run.id))))).toBe(404);
  });

  it("keeps users to their own plans: another user's is 404, one made for someone else 403", async () => {
    const ada = await analyst.sdk.ok(
      analyst.sdk.create_scheduled_plan({
        name: 'Ada daily',
        dashboard_id: '1',
        crontab: '0 8 * * *',
        scheduled_plan_destination: [destination],
      }),
    );
    expect(ada.user_id).toBe(DEMO_USER_IDS.analyst);
    expect(errorStatus(await refusal(viewer.sdk.scheduled_plan(String(ada.id))))).toBe(404);
    expect((await admin.sdk.ok(admin.sdk.scheduled_plan(String(ada.id)))).name).toBe('Ada daily');
    const forOther = await refusal(
      analyst.sdk.create_scheduled_plan({
        name: 'For Victor',
        user_id: DEMO_USER_IDS.viewer,
        dashboard_id: '1',
        crontab: '0 8 * * *',
        scheduled_plan_destination: [destination],
      }),
    );
    expect(errorStatus(forOther)).toBe(403);
  });
});

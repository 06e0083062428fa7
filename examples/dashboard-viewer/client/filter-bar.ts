import type { DashboardFilter, FilterValue } from './dashboard-query';
import { element } from './dom';
import { suggestValues, type SuggestionSource } from './suggestions';

/** Options of {@link filterBar}. */
export interface FilterBarOptions {
  readonly filters: readonly DashboardFilter[];
  readonly source: SuggestionSource;
  /** Called with every filter's value when the viewer applies them (a suggestion picked, Enter, or Apply). */
  onApply(values: readonly FilterValue[]): void;
}

/**
 * A control per dashboard filter: a text field holding a Looker filter expression (the filter's
 * default to start with) and, below it while it has focus, the values Looker suggests for what
 * is typed. Picking a suggestion applies the filters at once.
 */
export function filterBar({ filters, source, onApply }: FilterBarOptions): HTMLElement {
  const form = element('form', 'filter-bar');
  form.setAttribute('aria-label', 'Dashboard filters');
  const inputs = new Map<string, HTMLInputElement>();
  const values = (): FilterValue[] =>
    filters.map((filter) => ({ name: filter.name, value: inputs.get(filter.name)?.value.trim() ?? '' }));
  const apply = () => onApply(values());

  for (const filter of filters) {
    const field = element('div', 'filter');
    const id = `filter-${filter.name.replace(/\W+/g, '-')}`;
    const label = element('label', undefined, filter.title ?? filter.name);
    label.htmlFor = id;
    const input = element('input');
    input.id = id;
    input.name = filter.name;
    input.value = filter.defaultValue ?? '';
    input.placeholder = 'any value';
    input.autocomplete = 'off';
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    const list = element('ul', 'filter-suggestions');
    list.id = `${id}-suggestions`;
    list.setAttribute('role', 'listbox');
    list.setAttribute('aria-label', `Suggestions for ${filter.title ?? filter.name}`);
    list.hidden = true;
    input.setAttribute('aria-controls', list.id);
    inputs.set(filter.name, input);

    let asked = 0;
    const suggest = async () => {
      const ask = ++asked;
      // The term is what follows the last comma: a multi-value filter keeps the values before it.
      const term = input.value.split(',').at(-1)?.trim() ?? '';
      const others = values().filter((value) => value.name !== filter.name);
      const found = await suggestValues(source, filter, term, others);
      if (ask !== asked) return;
      list.replaceChildren(
        ...found.map((suggestion) => {
          const option = element('li', 'filter-suggestion', suggestion);
          option.setAttribute('role', 'option');
          // mousedown, not click: it runs before the field loses focus and hides the list.
          option.addEventListener('mousedown', (event) => {
            event.preventDefault();
            input.value = suggestion;
            list.hidden = true;
            input.setAttribute('aria-expanded', 'false');
            apply();
          });
          return option;
        }),
      );
      list.hidden = found.length === 0 || document.activeElement !== input;
      input.setAttribute('aria-expanded', String(!list.hidden));
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const suggestSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void suggest().catch(() => (list.hidden = true)), 150);
    };
    input.addEventListener('focus', suggestSoon);
    input.addEventListener('input', suggestSoon);
    input.addEventListener('blur', () => {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
    });
    field.append(label, input, list);
    form.append(field);
  }
  const button = element('button', undefined, 'Apply filters');
  button.type = 'submit';
  form.append(button);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    apply();
  });
  return form;
}

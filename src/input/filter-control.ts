import type { DashboardFilterControl, FilterControlDisplay, FilterControlType } from '../generated/resolvers-types';

/**
 * Looker's control names (`ui_config.type`), as looker-open-source/components draws them.
 * They are `filterTokenAdapterMap` in filter-components' `control_filter_utils`, plus `advanced`.
 */
const controlTypes: Readonly<Record<string, FilterControlType>> = {
  advanced: 'ADVANCED',
  button_group: 'BUTTON_GROUP',
  button_toggles: 'BUTTON_TOGGLES',
  checkboxes: 'CHECKBOXES',
  date_time_range_input: 'DATE_TIME_RANGE_INPUT',
  day_picker: 'DAY_PICKER',
  day_range_picker: 'DAY_RANGE_PICKER',
  dropdown_menu: 'DROPDOWN_MENU',
  radio_buttons: 'RADIO_BUTTONS',
  range_slider: 'RANGE_SLIDER',
  relative_timeframes: 'RELATIVE_TIMEFRAMES',
  slider: 'SLIDER',
  tag_list: 'TAG_LIST',
};

/** Looker's places for a control (`ui_config.display`, components' `FilterUIDisplay`). */
const displays: Readonly<Record<string, FilterControlDisplay>> = {
  inline: 'INLINE',
  popover: 'POPOVER',
  overflow: 'OVERFLOW',
};

function finiteNumber(value: unknown): number | null {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof n === 'number' && Number.isFinite(n) ? n : null;
}

/**
 * A dashboard filter's control from Looker's `ui_config` (`{ type, display, options }`). Looker's
 * own components fall back to the advanced control for a type they cannot draw; so does this.
 * `options` is a list of values for value controls and `{ min, max }` for sliders.
 */
export function filterControl(uiConfig: Record<string, unknown> | null | undefined): DashboardFilterControl {
  const rawType = typeof uiConfig?.type === 'string' ? uiConfig.type : null;
  const display = typeof uiConfig?.display === 'string' ? uiConfig.display : '';
  const options: unknown = uiConfig?.options;
  const bounds = options !== null && typeof options === 'object' && !Array.isArray(options) ? options : {};
  return {
    type: (rawType !== null && Object.hasOwn(controlTypes, rawType) && controlTypes[rawType]) || 'ADVANCED',
    rawType,
    display: (Object.hasOwn(displays, display) && displays[display]) || 'POPOVER',
    options: Array.isArray(options)
      ? options.filter((o) => ['string', 'number', 'boolean'].includes(typeof o)).map(String)
      : [],
    min: finiteNumber((bounds as { min?: unknown }).min),
    max: finiteNumber((bounds as { max?: unknown }).max),
    raw: uiConfig ?? null,
  };
}

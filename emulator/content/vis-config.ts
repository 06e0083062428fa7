/**
 * Looker's `vis_config` for each visualization type the demo content draws: the `type` plus the
 * settings Looker's dashboard editor writes for it by default (a subset; property names as Looker
 * writes them in dashboard elements and LookML dashboards' `elements`). Where they come from is in
 * the emulator README ("Where the emulator guesses", item 10).
 */

/** Settings every chart with axes carries. */
const axes = {
  x_axis_gridlines: false,
  y_axis_gridlines: true,
  show_y_axis_labels: true,
  show_y_axis_ticks: true,
  show_x_axis_label: true,
  show_x_axis_ticks: true,
  y_axis_scale_mode: 'linear',
  legend_position: 'center',
  show_value_labels: false,
  limit_displayed_rows: false,
};

const SETTINGS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  table: {
    show_row_numbers: true,
    table_theme: 'white',
    truncate_column_names: false,
    enable_conditional_formatting: false,
    limit_displayed_rows: false,
  },
  single_value: {
    custom_color_enabled: true,
    show_single_value_title: true,
    show_comparison: false,
    enable_conditional_formatting: false,
  },
  looker_line: { ...axes, point_style: 'circle', interpolation: 'linear', show_null_points: true },
  looker_column: { ...axes, stacking: '', ordering: 'none', show_totals_labels: false },
  looker_bar: { ...axes, stacking: '', ordering: 'none', show_totals_labels: false },
  looker_pie: { value_labels: 'legend', label_type: 'labPer', inner_radius: 0 },
  looker_geo_choropleth: { map: 'auto', map_projection: '', quantize_colors: false, show_view_names: false },
};

/** A tile's `vis_config`: the type and its default settings (`show_view_names: false` as Looker's editor sets it). */
export function visConfig(type: string): Record<string, unknown> {
  return { show_view_names: false, ...(SETTINGS[type] ?? {}), type };
}

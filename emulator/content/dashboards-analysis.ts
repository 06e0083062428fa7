import { sales } from './query-helpers';
import { orderDateFilter } from './dashboards-sales';
import type { DashboardDef } from './types';

/**
 * Queries that use the `WriteQuery` properties beyond fields, filters and sorts, as Looker writes
 * them: a tile re-run with dashboard filters must keep each of them, or it shows something else.
 */
export const analysisQueries = {
  /** A table calculation (`dynamic_fields`) dividing two measures. */
  averageItemPrice: sales(['products.category', 'order_items.total_sale_price', 'order_items.count'], {
    sorts: ['order_items.total_sale_price desc'],
    limit: '10',
    more: {
      dynamic_fields: JSON.stringify([
        {
          category: 'table_calculation',
          table_calculation: 'average_item_price',
          label: 'Average Item Price',
          expression: '${order_items.total_sale_price} / ${order_items.count}',
          value_format: null,
          value_format_name: 'usd',
          _kind_hint: 'measure',
          _type_hint: 'number',
        },
      ]),
    },
  }),
  /** A custom measure based on a dimension (`dynamic_fields`). */
  buyersPerCategory: sales(['products.category', 'buyers'], {
    sorts: ['buyers desc'],
    limit: '10',
    vis: 'looker_bar',
    more: {
      dynamic_fields: JSON.stringify([
        {
          measure: 'buyers',
          based_on: 'order_items.user_id',
          type: 'count_distinct',
          label: 'Buyers',
          value_format: null,
          value_format_name: null,
        },
      ]),
    },
  }),
  /** Totals (`total`) on a table. */
  statusTotals: sales(['order_items.status', 'order_items.count', 'order_items.total_sale_price'], {
    sorts: ['order_items.count desc'],
    more: { total: true },
  }),
  /** A pivot with a column limit, row totals and subtotals. */
  statusByCategory: sales(['products.category', 'order_items.status', 'order_items.count'], {
    pivots: ['order_items.status'],
    sorts: ['order_items.status', 'order_items.count desc'],
    limit: '10',
    vis: 'looker_column',
    more: { column_limit: '3', row_total: 'right', subtotals: ['products.category'] },
  }),
  /** A custom filter (`filter_expression`). */
  bigCategories: sales(['products.category', 'order_items.total_sale_price'], {
    sorts: ['order_items.total_sale_price desc'],
    more: { filter_expression: '${order_items.total_sale_price} > 1000' },
  }),
  /** Filled dates (`fill_fields`) in a named time zone (`query_timezone`). */
  weeklyItems: sales(['order_items.created_week', 'order_items.count'], {
    sorts: ['order_items.created_week desc'],
    limit: '12',
    vis: 'looker_line',
    more: { fill_fields: ['order_items.created_week'], query_timezone: 'America/Los_Angeles' },
  }),
  /** Every row (`limit: -1`, which Looker's spec allows): the subgraph must bound what it reads. */
  everyItem: sales(['order_items.id', 'order_items.status', 'order_items.sale_price'], {
    sorts: ['order_items.id'],
    limit: '-1',
    vis: 'table',
  }),
  /** Value formats as dashboards show them: a month, a percent measure, a currency measure, with totals. */
  returnRateByMonth: sales(
    ['order_items.created_month', 'order_items.returned_share', 'order_items.total_sale_price'],
    {
      sorts: ['order_items.created_month desc'],
      limit: '6',
      vis: 'table',
      more: { total: true },
    },
  ),
};

/** A dashboard of the Sales folder (2) whose tiles use those properties and listen to its filters. */
export const ANALYSIS_DASHBOARDS: readonly DashboardDef[] = [
  {
    id: '11',
    folderId: '2',
    userId: '2',
    title: 'Category Analysis',
    description:
      'Average prices, buyers, totals and status mix per category, with custom fields and table calculations.',
    filters: [
      orderDateFilter('90 days'),
      {
        name: 'Category',
        title: 'Product Category',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'products.category',
        defaultValue: '',
        ui: { type: 'tag_list', display: 'popover' },
        allowMultipleValues: true,
      },
      {
        name: 'Sale Price',
        title: 'Item Sale Price',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'order_items.sale_price',
        defaultValue: '',
        ui: { type: 'range_slider', display: 'inline', options: { min: 0, max: 1000 } },
      },
    ],
    tiles: [
      {
        kind: 'query',
        title: 'Average Item Price',
        query: analysisQueries.averageItemPrice,
        subtitle: 'Top 10 categories',
        note: 'Average Item Price is a table calculation: revenue divided by items.',
      },
      { kind: 'query', title: 'Buyers per Category', query: analysisQueries.buyersPerCategory },
      { kind: 'query', title: 'Items by Status (Totals)', query: analysisQueries.statusTotals },
      { kind: 'query', title: 'Status Mix per Category', query: analysisQueries.statusByCategory },
      { kind: 'query', title: 'Categories over $1,000', query: analysisQueries.bigCategories },
      { kind: 'query', title: 'Items per Week (Pacific)', query: analysisQueries.weeklyItems },
      { kind: 'query', title: 'Every Order Item', query: analysisQueries.everyItem },
      {
        kind: 'query',
        title: 'Return Rate by Month',
        query: analysisQueries.returnRateByMonth,
        subtitle: 'Last 6 months',
        note: 'Share of items returned, by the month they were ordered.',
      },
      {
        kind: 'text',
        title: 'Reading this dashboard',
        body: 'Prices are in **USD**; *Returned Share* is the share of items returned.\n\n- Totals add up every row the filters keep.',
      },
    ],
  },
];

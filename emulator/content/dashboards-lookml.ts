import { orderDateFilter } from './dashboards-sales';
import { catalogue, sales } from './query-helpers';
import type { DashboardDef } from './types';

/**
 * LookML dashboards: defined in a model's LookML, so Looker names them `model::dashboard_name`,
 * serves them read-only with `GET /dashboards/{id}`, and leaves them out of `search_dashboards`.
 * Their tiles carry their query inline (no saved query id).
 */
export const LOOKML_DASHBOARDS: readonly DashboardDef[] = [
  {
    id: 'ecommerce::sales_overview',
    lookmlModel: 'ecommerce',
    folderId: 'lookml',
    userId: '1',
    title: 'Sales Overview (LookML)',
    description: 'Revenue, items and status mix, defined in the ecommerce model.',
    filters: [
      orderDateFilter('30 days'),
      {
        name: 'Status',
        title: 'Item Status',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'order_items.status',
        defaultValue: '',
        ui: { type: 'checkboxes', display: 'inline' },
        allowMultipleValues: true,
      },
    ],
    tiles: [
      {
        kind: 'query',
        title: 'Revenue',
        query: sales(['order_items.total_sale_price'], { vis: 'single_value' }),
        subtitle: 'Last 30 days',
        note: 'Defined in LookML.',
      },
      {
        kind: 'query',
        title: 'Items by Status',
        query: sales(['order_items.status', 'order_items.count'], {
          sorts: ['order_items.count desc'],
          vis: 'looker_pie',
        }),
      },
      {
        kind: 'query',
        title: 'Revenue by Month',
        query: sales(['order_items.created_month', 'order_items.total_sale_price'], {
          sorts: ['order_items.created_month desc'],
          limit: '6',
          vis: 'looker_line',
        }),
      },
      { kind: 'text', title: 'About', body: 'Defined in LookML: edit it in the ecommerce project.' },
    ],
  },
  {
    id: 'inventory::stock_overview',
    lookmlModel: 'inventory',
    folderId: 'lookml',
    userId: '1',
    title: 'Stock Overview (LookML)',
    description: 'Products listed per department, defined in the inventory model.',
    filters: [
      {
        name: 'Department',
        title: 'Department',
        model: 'inventory',
        explore: 'products',
        dimension: 'products.department',
        defaultValue: '',
        ui: { type: 'button_group', display: 'inline' },
      },
    ],
    tiles: [
      {
        kind: 'query',
        title: 'Products per Department',
        query: catalogue(['products.department', 'products.count'], {
          sorts: ['products.count desc'],
          vis: 'looker_bar',
        }),
        subtitle: 'Listed products',
        note: 'Every product in the catalogue, sold or not.',
      },
    ],
  },
];

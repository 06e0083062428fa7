import { sales } from './query-helpers';
import type { DashboardDef, DashboardFilterDef } from './types';

/** "Date" filter on the order items' creation date. */
export function orderDateFilter(defaultValue: string): DashboardFilterDef {
  return {
    name: 'Date',
    title: 'Order Date',
    model: 'ecommerce',
    explore: 'order_items',
    dimension: 'order_items.created_date',
    defaultValue,
    ui: { type: 'relative_timeframes', display: 'inline' },
  };
}

/** Revenue per month: the query several tiles share, on two dashboards (identical query, identical id). */
export const revenueByMonth = sales(['order_items.created_month', 'order_items.total_sale_price'], {
  sorts: ['order_items.created_month desc'],
  limit: '12',
  vis: 'looker_line',
});
/** Items per status: shared by two tiles of the Sales Performance dashboard. */
const itemsByStatus = sales(['order_items.status', 'order_items.count'], {
  sorts: ['order_items.count desc'],
  vis: 'looker_pie',
});
/** Revenue per category: shared by two tiles of the Product Deep Dive dashboard. */
const revenueByCategory = sales(['products.category', 'order_items.total_sale_price'], {
  sorts: ['order_items.total_sale_price desc'],
  vis: 'looker_bar',
});

/** Dashboards of the Shared (1), Sales (2) and Regional Sales (5) folders. */
export const COMPANY_AND_SALES_DASHBOARDS: readonly DashboardDef[] = [
  {
    id: '1',
    folderId: '1',
    userId: '1',
    title: 'Executive Overview',
    description: 'Revenue, orders and department mix at a glance for the leadership team.',
    filters: [
      orderDateFilter('12 months'),
      {
        name: 'Department',
        title: 'Department',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'products.department',
        defaultValue: '',
        ui: { type: 'button_group', display: 'inline', options: ['Men', 'Women'] },
        allowMultipleValues: true,
      },
    ],
    tiles: [
      { kind: 'look', lookId: '1', subtitle: 'All time, USD' },
      { kind: 'look', lookId: '2' },
      {
        kind: 'query',
        title: 'Revenue Trend',
        query: revenueByMonth,
        subtitle: 'Last 12 months',
        note: 'Revenue is the sale price of items, before refunds.',
      },
      { kind: 'query', title: 'Revenue Trend (Table)', query: revenueByMonth, vis: 'table' },
      { kind: 'look', lookId: '4' },
      { kind: 'look', lookId: '5' },
      { kind: 'text', title: 'About this dashboard', body: 'Figures are in **USD** and refresh hourly.' },
    ],
  },
  {
    id: '2',
    folderId: '2',
    userId: '2',
    title: 'Sales Performance',
    description: 'Daily and weekly sales, top brands and products, and order status.',
    filters: [
      orderDateFilter('30 days'),
      {
        name: 'Status',
        title: 'Item Status',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'order_items.status',
        defaultValue: 'Complete,Shipped',
        ui: { type: 'checkboxes', display: 'popover' },
        allowMultipleValues: true,
      },
    ],
    tiles: [
      { kind: 'look', lookId: '9', subtitle: 'Revenue and items per day' },
      { kind: 'look', lookId: '10' },
      { kind: 'look', lookId: '12', title: 'Top Brands' },
      { kind: 'look', lookId: '13' },
      { kind: 'query', title: 'Items by Status', query: itemsByStatus },
      {
        kind: 'query',
        title: 'Status Breakdown',
        query: itemsByStatus,
        vis: 'table',
        note: 'Cancelled and returned items count here too.',
      },
      {
        kind: 'query',
        title: 'Revenue This Year',
        query: sales(['order_items.total_sale_price'], {
          filters: { 'order_items.created_date': 'this year' },
          vis: 'single_value',
        }),
      },
    ],
  },
  {
    id: '3',
    folderId: '2',
    userId: '2',
    title: 'Product Deep Dive',
    description: 'Category and brand performance: prices, returns and best sellers.',
    filters: [
      {
        name: 'Category',
        title: 'Product Category',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'products.category',
        defaultValue: '',
        ui: { type: 'tag_list', display: 'overflow' },
        allowMultipleValues: true,
      },
      {
        name: 'Brand',
        title: 'Brand',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'products.brand',
        defaultValue: '',
        ui: { type: 'dropdown_menu', display: 'inline' },
        listensTo: ['Category'],
      },
    ],
    tiles: [
      { kind: 'look', lookId: '14', subtitle: 'Average sale price per item', note: 'Prices in USD.' },
      { kind: 'look', lookId: '15' },
      { kind: 'look', lookId: '19' },
      { kind: 'query', title: 'Revenue by Category', query: revenueByCategory },
      { kind: 'query', title: 'Category Ranking', query: revenueByCategory, vis: 'table' },
      { kind: 'query', title: 'Brands Sold', query: sales(['products.brand_count'], { vis: 'single_value' }) },
    ],
  },
  {
    id: '4',
    folderId: '2',
    userId: '1',
    title: 'Order Operations',
    description: 'Open orders, basket sizes and high value items for the fulfilment team.',
    filters: [orderDateFilter('90 days')],
    tiles: [
      { kind: 'look', lookId: '17', subtitle: 'Processing or shipped', note: 'Complete orders are left out.' },
      { kind: 'look', lookId: '20' },
      { kind: 'look', lookId: '21' },
      {
        kind: 'query',
        title: 'Items Processing',
        query: sales(['order_items.count'], { filters: { 'order_items.status': 'Processing' }, vis: 'single_value' }),
      },
      {
        kind: 'query',
        title: 'Items Shipped',
        query: sales(['order_items.count'], { filters: { 'order_items.status': 'Shipped' }, vis: 'single_value' }),
      },
      {
        kind: 'query',
        title: 'Orders per Week',
        query: sales(['orders.created_week', 'orders.count'], {
          sorts: ['orders.created_week desc'],
          limit: '12',
          vis: 'looker_column',
        }),
      },
    ],
  },
  {
    id: '5',
    folderId: '5',
    userId: '2',
    title: 'Regional Sales Review',
    description: 'Revenue and orders by region: West Coast, Texas, Europe and Asia Pacific.',
    filters: [
      orderDateFilter('6 months'),
      {
        name: 'Country',
        title: 'Customer Country',
        model: 'ecommerce',
        explore: 'order_items',
        dimension: 'users.country',
        defaultValue: '',
        ui: { type: 'dropdown_menu', display: 'popover' },
      },
    ],
    tiles: [
      {
        kind: 'look',
        lookId: '25',
        subtitle: 'California and Washington',
        note: "By the customer's city, not the shipping address.",
      },
      { kind: 'look', lookId: '26' },
      { kind: 'look', lookId: '27' },
      { kind: 'look', lookId: '28' },
      {
        kind: 'query',
        title: 'Revenue by Country',
        query: sales(['users.country', 'order_items.total_sale_price'], {
          sorts: ['order_items.total_sale_price desc'],
          vis: 'looker_geo_choropleth',
        }),
      },
    ],
  },
];

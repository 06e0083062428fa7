import { orderDateFilter, revenueByMonth } from './dashboards-sales';
import { catalogue, customers, sales, stock } from './query-helpers';
import type { DashboardDef, DashboardFilterDef } from './types';

/** "Traffic Source" filter on the customers explore. */
const trafficSourceFilter: DashboardFilterDef = {
  name: 'Traffic Source',
  title: 'Traffic Source',
  model: 'ecommerce',
  explore: 'users',
  dimension: 'users.traffic_source',
  defaultValue: '',
  ui: { type: 'button_group', display: 'inline' },
  allowMultipleValues: true,
};
/** Customers per traffic source: shared by two Marketing Acquisition tiles. */
const customersBySource = customers(['users.traffic_source', 'users.count'], {
  sorts: ['users.count desc'],
  vis: 'looker_bar',
});
/** Unsold stock cost: shared by two Inventory Health tiles. */
const unsoldStockByCategory = stock(['products.category', 'inventory_items.total_cost'], {
  filters: { 'inventory_items.is_sold': 'No' },
  sorts: ['inventory_items.total_cost desc'],
  vis: 'looker_bar',
});
/** Customers per country: shared by two Company KPIs tiles. */
const customersByCountry = customers(['users.country', 'users.count'], {
  sorts: ['users.count desc'],
  limit: '10',
  vis: 'looker_bar',
});

/** Dashboards of the Marketing (3), Finance (4) and Shared (1) folders. */
export const DEPARTMENT_DASHBOARDS: readonly DashboardDef[] = [
  {
    id: '6',
    folderId: '3',
    userId: '4',
    title: 'Marketing Acquisition',
    description: 'Customer sign-ups and revenue by acquisition channel.',
    filters: [
      trafficSourceFilter,
      {
        name: 'Signup Date',
        title: 'Signup Date',
        model: 'ecommerce',
        explore: 'users',
        dimension: 'users.created_date',
        defaultValue: '12 months',
        required: true,
      },
    ],
    tiles: [
      {
        kind: 'look',
        lookId: '31',
        subtitle: 'Sign-ups by channel',
        note: 'Channel is the first traffic source of the account.',
      },
      { kind: 'look', lookId: '32' },
      { kind: 'look', lookId: '34' },
      { kind: 'query', title: 'Customers by Channel', query: customersBySource },
      { kind: 'query', title: 'Channel Mix', query: customersBySource, vis: 'looker_pie' },
      {
        kind: 'query',
        title: 'Orders by Channel',
        query: customers(['users.traffic_source', 'orders.count'], {
          sorts: ['orders.count desc'],
          vis: 'looker_column',
        }),
      },
    ],
  },
  {
    id: '7',
    folderId: '3',
    userId: '4',
    title: 'Customer Demographics',
    description: 'Who our customers are: age, gender and where they live.',
    filters: [
      {
        name: 'Country',
        title: 'Country',
        model: 'ecommerce',
        explore: 'users',
        dimension: 'users.country',
        defaultValue: '',
        ui: { type: 'tag_list', display: 'inline' },
        allowMultipleValues: true,
      },
      {
        name: 'Gender',
        title: 'Gender',
        model: 'ecommerce',
        explore: 'users',
        dimension: 'users.gender',
        defaultValue: '',
        ui: { type: 'radio_buttons', display: 'inline', options: ['F', 'M'] },
      },
    ],
    tiles: [
      { kind: 'look', lookId: '36', subtitle: 'Customer accounts', note: 'Test accounts are excluded.' },
      { kind: 'look', lookId: '37' },
      { kind: 'look', lookId: '39' },
      { kind: 'look', lookId: '38' },
      {
        kind: 'query',
        title: 'Average Age by State',
        query: customers(['users.state', 'users.average_age'], { sorts: ['users.average_age desc'], vis: 'table' }),
      },
      {
        kind: 'text',
        title: 'Definitions',
        body: '## Customers\n\nA customer is *any account that signed up*, whether or not it placed an order.',
      },
    ],
  },
  {
    id: '8',
    folderId: '4',
    userId: '5',
    title: 'Finance Monthly Close',
    description: 'Revenue, refunds and cancellations for the month-end close.',
    filters: [orderDateFilter('12 months')],
    tiles: [
      { kind: 'look', lookId: '43', subtitle: 'Month to date', note: 'Closes on the third working day of the month.' },
      { kind: 'look', lookId: '44' },
      { kind: 'look', lookId: '45' },
      { kind: 'look', lookId: '51' },
      { kind: 'query', title: 'Monthly Revenue', query: revenueByMonth },
      { kind: 'query', title: 'Monthly Revenue (Detail)', query: revenueByMonth, vis: 'table' },
    ],
  },
  {
    id: '9',
    folderId: '4',
    userId: '5',
    title: 'Inventory Health',
    description: 'Stock value, sell-through and distribution center load.',
    filters: [
      {
        name: 'Category',
        title: 'Product Category',
        model: 'inventory',
        explore: 'inventory_items',
        dimension: 'products.category',
        defaultValue: '',
        ui: { type: 'checkboxes', display: 'popover' },
        allowMultipleValues: true,
      },
      {
        name: 'Sold',
        title: 'Is Sold',
        model: 'inventory',
        explore: 'inventory_items',
        dimension: 'inventory_items.is_sold',
        defaultValue: '',
        ui: { type: 'button_toggles', display: 'inline', options: ['Yes', 'No'] },
      },
    ],
    tiles: [
      { kind: 'look', lookId: '46', subtitle: 'At cost', note: 'Stock is valued at cost, not retail price.' },
      { kind: 'look', lookId: '47' },
      { kind: 'look', lookId: '48' },
      { kind: 'look', lookId: '53' },
      { kind: 'query', title: 'Unsold Stock by Category', query: unsoldStockByCategory },
      { kind: 'query', title: 'Unsold Stock Ranking', query: unsoldStockByCategory, vis: 'table' },
    ],
  },
  {
    id: '10',
    folderId: '1',
    userId: '1',
    title: 'Company KPIs',
    description: 'Customers, catalogue and inventory key performance indicators for everyone.',
    filters: [
      {
        name: 'Country',
        title: 'Customer Country',
        model: 'ecommerce',
        explore: 'users',
        dimension: 'users.country',
        defaultValue: '',
        ui: { type: 'tag_list', display: 'inline' },
        allowMultipleValues: true,
      },
      {
        name: 'Department',
        title: 'Department',
        model: 'inventory',
        explore: 'products',
        dimension: 'products.department',
        defaultValue: '',
        ui: { type: 'button_toggles', display: 'inline', options: ['Men', 'Women'] },
      },
    ],
    tiles: [
      { kind: 'look', lookId: '3', subtitle: 'Accounts per country', note: 'Updated nightly.' },
      { kind: 'look', lookId: '6' },
      { kind: 'look', lookId: '7' },
      { kind: 'look', lookId: '8' },
      { kind: 'query', title: 'Top Countries', query: customersByCountry },
      { kind: 'query', title: 'Top Countries (Table)', query: customersByCountry, vis: 'table' },
      { kind: 'query', title: 'Products Listed', query: catalogue(['products.count'], { vis: 'single_value' }) },
      { kind: 'query', title: 'Items Sold', query: sales(['order_items.count'], { vis: 'single_value' }) },
    ],
  },
];

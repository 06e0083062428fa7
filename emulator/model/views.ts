import type { ViewDef } from './types';

/**
 * The views of the demo e-commerce data set. Table and column names are those created by the data
 * generator (`emulator/data/`); field names follow Looker's well-known "thelook" demo so that
 * queries read the way Looker users expect.
 */
export const views: readonly ViewDef[] = [
  {
    name: 'order_items',
    label: 'Order Items',
    sqlTableName: 'order_items',
    dimensions: [
      { name: 'id', type: 'number', sql: '${TABLE}.id', primaryKey: true, label: 'ID' },
      { name: 'order_id', type: 'number', sql: '${TABLE}.order_id', hidden: true },
      { name: 'user_id', type: 'number', sql: '${TABLE}.user_id', hidden: true },
      { name: 'product_id', type: 'number', sql: '${TABLE}.product_id', hidden: true },
      {
        name: 'status',
        type: 'string',
        sql: '${TABLE}.status',
        description: 'Fulfilment status of the item',
        drillFields: ['order_items.id', 'order_items.created_date', 'products.name', 'order_items.sale_price'],
      },
      {
        name: 'sale_price',
        type: 'number',
        sql: '${TABLE}.sale_price',
        description: 'Price the item sold for, in USD',
        valueFormatName: 'usd',
      },
      { name: 'is_returned', type: 'yesno', sql: '${TABLE}.returned_at IS NOT NULL', label: 'Is Returned' },
    ],
    dimensionGroups: [
      { name: 'created', sql: '${TABLE}.created_at', timeframes: ['date', 'week', 'month', 'year'] },
      { name: 'returned', sql: '${TABLE}.returned_at', timeframes: ['date', 'week', 'month', 'year'] },
    ],
    measures: [
      {
        name: 'count',
        type: 'count',
        label: 'Count',
        drillFields: ['order_items.id', 'order_items.status', 'products.name', 'order_items.sale_price'],
      },
      {
        name: 'total_sale_price',
        type: 'sum',
        sql: '${TABLE}.sale_price',
        description: 'Sum of sale prices',
        valueFormatName: 'usd',
        drillFields: ['products.brand', 'products.category', 'order_items.total_sale_price'],
      },
      { name: 'average_sale_price', type: 'average', sql: '${TABLE}.sale_price', valueFormatName: 'usd' },
      { name: 'order_count', type: 'count_distinct', sql: '${TABLE}.order_id', label: 'Order Count' },
      { name: 'max_sale_price', type: 'max', sql: '${TABLE}.sale_price', valueFormatName: 'usd' },
      {
        name: 'returned_share',
        type: 'average',
        sql: 'CASE WHEN ${TABLE}.returned_at IS NOT NULL THEN 1.0 ELSE 0.0 END',
        label: 'Returned Share',
        description: 'Share of items returned',
        valueFormatName: 'percent_1',
      },
    ],
    filters: [
      {
        // A templated filter on a table the explore need not join, as Looker's `filter` docs show.
        name: 'product_brand',
        type: 'string',
        label: 'Product Brand Filter',
        description: 'Keeps the items whose product brand matches; cannot be selected',
        suggestDimension: 'products.brand',
        sql: 'EXISTS (SELECT 1 FROM products AS brand_filter WHERE brand_filter.id = ${TABLE}.product_id AND {% condition %} brand_filter.brand {% endcondition %})',
      },
    ],
    parameters: [
      {
        name: 'sale_price_metric',
        type: 'unquoted',
        label: 'Sale Price Metric',
        description: 'How to aggregate sale prices',
        allowedValues: [
          { label: 'Total', value: 'sum' },
          { label: 'Average', value: 'average' },
          { label: 'Largest', value: 'max' },
        ],
        defaultValue: 'sum',
      },
    ],
  },
  {
    name: 'orders',
    label: 'Orders',
    sqlTableName: 'orders',
    dimensions: [
      { name: 'id', type: 'number', sql: '${TABLE}.id', primaryKey: true, label: 'ID' },
      { name: 'user_id', type: 'number', sql: '${TABLE}.user_id', hidden: true },
      { name: 'status', type: 'string', sql: '${TABLE}.status' },
      { name: 'num_of_item', type: 'number', sql: '${TABLE}.num_of_item', label: 'Number of Items' },
    ],
    dimensionGroups: [{ name: 'created', sql: '${TABLE}.created_at', timeframes: ['date', 'week', 'month', 'year'] }],
    measures: [
      { name: 'count', type: 'count' },
      {
        name: 'average_items',
        type: 'average',
        sql: '${TABLE}.num_of_item',
        label: 'Average Items per Order',
        valueFormatName: 'decimal_1',
      },
    ],
  },
  {
    name: 'users',
    label: 'Users',
    sqlTableName: 'users',
    dimensions: [
      { name: 'id', type: 'number', sql: '${TABLE}.id', primaryKey: true, label: 'ID' },
      { name: 'first_name', type: 'string', sql: '${TABLE}.first_name' },
      { name: 'last_name', type: 'string', sql: '${TABLE}.last_name' },
      { name: 'email', type: 'string', sql: '${TABLE}.email' },
      { name: 'age', type: 'number', sql: '${TABLE}.age' },
      { name: 'gender', type: 'string', sql: '${TABLE}.gender' },
      { name: 'city', type: 'string', sql: '${TABLE}.city' },
      { name: 'state', type: 'string', sql: '${TABLE}.state' },
      { name: 'country', type: 'string', sql: '${TABLE}.country' },
      { name: 'traffic_source', type: 'string', sql: '${TABLE}.traffic_source' },
      // A stale field, as real projects have: its column is gone from the table, so the database
      // refuses any query that selects or filters on it (Looker's error rows; see the emulator README).
      {
        name: 'legacy_segment',
        type: 'string',
        sql: '${TABLE}.segment',
        hidden: true,
        description: 'Dropped from the warehouse: queries on it fail in the database',
      },
      { name: 'is_over_21', type: 'yesno', sql: '${TABLE}.age > 21', label: 'Is Over 21' },
    ],
    dimensionGroups: [{ name: 'created', sql: '${TABLE}.created_at', timeframes: ['date', 'week', 'month', 'year'] }],
    measures: [
      { name: 'count', type: 'count' },
      { name: 'average_age', type: 'average', sql: '${TABLE}.age', valueFormatName: 'decimal_1' },
      { name: 'count_countries', type: 'count_distinct', sql: '${TABLE}.country', label: 'Number of Countries' },
    ],
  },
  {
    name: 'products',
    label: 'Products',
    sqlTableName: 'products',
    dimensions: [
      { name: 'id', type: 'number', sql: '${TABLE}.id', primaryKey: true, label: 'ID' },
      { name: 'name', type: 'string', sql: '${TABLE}.name' },
      {
        name: 'brand',
        type: 'string',
        sql: '${TABLE}.brand',
        drillFields: ['products.name', 'products.category'],
        links: [
          {
            label: 'Search the web',
            url: 'https://www.google.com/search?q={{ value | url_encode }}',
            iconUrl: 'https://www.google.com/favicon.ico',
          },
          { label: 'Brand Overview', url: '/dashboards/3?Brand={{ value | url_encode }}' },
        ],
      },
      { name: 'category', type: 'string', sql: '${TABLE}.category' },
      { name: 'department', type: 'string', sql: '${TABLE}.department' },
      { name: 'retail_price', type: 'number', sql: '${TABLE}.retail_price', valueFormatName: 'usd' },
      { name: 'cost', type: 'number', sql: '${TABLE}.cost' },
      { name: 'distribution_center_id', type: 'number', sql: '${TABLE}.distribution_center_id', hidden: true },
    ],
    dimensionGroups: [],
    measures: [
      { name: 'count', type: 'count' },
      { name: 'average_retail_price', type: 'average', sql: '${TABLE}.retail_price', valueFormatName: 'usd' },
      { name: 'min_retail_price', type: 'min', sql: '${TABLE}.retail_price', valueFormatName: 'usd' },
      { name: 'brand_count', type: 'count_distinct', sql: '${TABLE}.brand' },
    ],
  },
  {
    name: 'inventory_items',
    label: 'Inventory Items',
    sqlTableName: 'inventory_items',
    dimensions: [
      { name: 'id', type: 'number', sql: '${TABLE}.id', primaryKey: true, label: 'ID' },
      { name: 'product_id', type: 'number', sql: '${TABLE}.product_id', hidden: true },
      { name: 'cost', type: 'number', sql: '${TABLE}.cost' },
      { name: 'is_sold', type: 'yesno', sql: '${TABLE}.sold_at IS NOT NULL' },
    ],
    dimensionGroups: [
      { name: 'created', sql: '${TABLE}.created_at', timeframes: ['date', 'week', 'month', 'year'] },
      { name: 'sold', sql: '${TABLE}.sold_at', timeframes: ['date', 'week', 'month', 'year'] },
    ],
    measures: [
      { name: 'count', type: 'count' },
      { name: 'total_cost', type: 'sum', sql: '${TABLE}.cost', valueFormatName: 'usd' },
      { name: 'average_cost', type: 'average', sql: '${TABLE}.cost', valueFormatName: 'usd' },
    ],
  },
  {
    name: 'distribution_centers',
    label: 'Distribution Centers',
    sqlTableName: 'distribution_centers',
    dimensions: [
      { name: 'id', type: 'number', sql: '${TABLE}.id', primaryKey: true, label: 'ID' },
      { name: 'name', type: 'string', sql: '${TABLE}.name' },
    ],
    dimensionGroups: [],
    measures: [{ name: 'count', type: 'count' }],
  },
];

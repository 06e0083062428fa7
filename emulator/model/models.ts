import type { ModelDef } from './types';

/**
 * The demo LookML models. `ecommerce` answers sales questions; `inventory` answers stock
 * questions. Users' model sets in the emulator grant access per model name.
 */
export const models: readonly ModelDef[] = [
  {
    name: 'ecommerce',
    label: 'E-commerce',
    projectName: 'thelook',
    connection: 'demo_duckdb',
    explores: [
      {
        name: 'order_items',
        label: 'Order Items',
        description: 'Every item sold, with its order, buyer and product.',
        baseView: 'order_items',
        joins: [
          {
            view: 'orders',
            sqlOn: '${order_items.order_id} = ${orders.id}',
            relationship: 'many_to_one',
            type: 'left_outer',
          },
          {
            view: 'users',
            sqlOn: '${order_items.user_id} = ${users.id}',
            relationship: 'many_to_one',
            type: 'left_outer',
          },
          {
            view: 'products',
            sqlOn: '${order_items.product_id} = ${products.id}',
            relationship: 'many_to_one',
            type: 'left_outer',
          },
        ],
      },
      {
        name: 'users',
        label: 'Users',
        description: 'Customers, with the orders they placed.',
        baseView: 'users',
        joins: [
          { view: 'orders', sqlOn: '${users.id} = ${orders.user_id}', relationship: 'one_to_many', type: 'left_outer' },
        ],
      },
    ],
  },
  {
    name: 'inventory',
    label: 'Inventory',
    projectName: 'thelook',
    connection: 'demo_duckdb',
    explores: [
      {
        name: 'inventory_items',
        label: 'Inventory Items',
        description: 'Stock items, with their product and distribution centre.',
        baseView: 'inventory_items',
        joins: [
          {
            view: 'products',
            sqlOn: '${inventory_items.product_id} = ${products.id}',
            relationship: 'many_to_one',
            type: 'left_outer',
          },
          {
            view: 'distribution_centers',
            sqlOn: '${products.distribution_center_id} = ${distribution_centers.id}',
            relationship: 'many_to_one',
            type: 'left_outer',
          },
        ],
      },
      {
        name: 'products',
        label: 'Products',
        description: 'The product catalogue.',
        baseView: 'products',
        joins: [
          {
            view: 'distribution_centers',
            sqlOn: '${products.distribution_center_id} = ${distribution_centers.id}',
            relationship: 'many_to_one',
            type: 'left_outer',
          },
        ],
      },
    ],
  },
];

import type { ILookmlModelExploreField } from '@looker/sdk';
import type { Engine } from '../../../../emulator/engine/types';
import { testEngine } from '../engine-fixture';

describe('models and explores in Looker shapes', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await testEngine({ scale: 0.01 });
  });
  afterAll(() => engine.close());

  const field = (
    fields: ILookmlModelExploreField[] | null | undefined,
    name: string,
  ): ILookmlModelExploreField | undefined => fields?.find((f) => f.name === name);

  test('listModels lists every model with its explores', () => {
    const list = engine.listModels();
    expect(list.map((m) => m.name)).toEqual(['ecommerce', 'inventory']);
    expect(list[0]).toMatchObject({
      name: 'ecommerce',
      label: 'E-commerce',
      project_name: 'thelook',
      allowed_db_connection_names: ['demo_duckdb'],
      has_content: true,
      unlimited_db_connections: false,
    });
    expect(list[0]?.explores).toEqual([
      expect.objectContaining({ name: 'order_items', label: 'Order Items', hidden: false }),
      expect.objectContaining({
        name: 'users',
        label: 'Users',
        description: 'Customers, with the orders they placed.',
      }),
    ]);
  });

  test('getModel finds a model by name and nothing else', () => {
    expect(engine.getModel('inventory')?.explores?.map((e) => e.name)).toEqual(['inventory_items', 'products']);
    expect(engine.getModel('nope')).toBeUndefined();
  });

  test('getExplore describes the explore, its connection and its joins', () => {
    const explore = engine.getExplore('ecommerce', 'order_items');
    expect(explore).toMatchObject({
      id: 'ecommerce::order_items',
      name: 'order_items',
      model_name: 'ecommerce',
      view_name: 'order_items',
      sql_table_name: 'order_items',
      connection_name: 'demo_duckdb',
      dialect_name: 'duckdb',
    });
    expect(explore?.joins?.map((j) => [j.name, j.relationship, j.type])).toEqual([
      ['orders', 'many_to_one', 'left_outer'],
      ['users', 'many_to_one', 'left_outer'],
      ['products', 'many_to_one', 'left_outer'],
    ]);
    expect(explore?.fields?.filters?.map((f) => [f.name, f.category, f.is_filter])).toEqual([
      ['order_items.product_brand', 'filter', true],
    ]);
    expect(explore?.fields?.parameters?.map((f) => [f.name, f.category, f.parameter, f.default_filter_value])).toEqual([
      ['order_items.sale_price_metric', 'parameter', true, 'sum'],
    ]);
    // Views without filter-only fields or parameters list none.
    expect(engine.getExplore('inventory', 'products')?.fields?.filters).toEqual([]);
    expect(engine.getExplore('inventory', 'products')?.fields?.parameters).toEqual([]);
  });

  test('a transitive join names the join it requires', () => {
    const joins = engine.getExplore('inventory', 'inventory_items')?.joins;
    expect(joins?.find((j) => j.name === 'distribution_centers')?.required_joins).toEqual(['products']);
  });

  test('fields of every joined view are listed, and no others', () => {
    const explore = engine.getExplore('ecommerce', 'order_items');
    const views = new Set(
      [...(explore?.fields?.dimensions ?? []), ...(explore?.fields?.measures ?? [])].map((f) => f.view),
    );
    expect([...views].sort()).toEqual(['order_items', 'orders', 'products', 'users']);
    expect(field(explore?.fields?.dimensions, 'inventory_items.cost')).toBeUndefined();
  });

  test('a plain dimension carries Looker labels, type and flags', () => {
    const salePrice = field(
      engine.getExplore('ecommerce', 'order_items')?.fields?.dimensions,
      'order_items.sale_price',
    );
    expect(salePrice).toMatchObject({
      label: 'Order Items Sale Price',
      label_short: 'Sale Price',
      view: 'order_items',
      view_label: 'Order Items',
      type: 'number',
      category: 'dimension',
      measure: false,
      is_numeric: true,
      hidden: false,
      primary_key: false,
      description: 'Price the item sold for, in USD',
      sql: '${TABLE}.sale_price',
      sortable: true,
      can_filter: true,
    });
    const id = field(engine.getExplore('ecommerce', 'order_items')?.fields?.dimensions, 'order_items.id');
    expect(id).toMatchObject({ label: 'Order Items ID', primary_key: true });
    expect(
      field(engine.getExplore('ecommerce', 'order_items')?.fields?.dimensions, 'order_items.order_id')?.hidden,
    ).toBe(true);
  });

  test('a dimension group expands into one field per timeframe', () => {
    const dims = engine.getExplore('ecommerce', 'order_items')?.fields?.dimensions ?? [];
    const created = dims.filter((f) => f.dimension_group === 'order_items.created');
    expect(created.map((f) => [f.name, f.type, f.label_short])).toEqual([
      ['order_items.created_date', 'date_date', 'Created Date'],
      ['order_items.created_week', 'date_week', 'Created Week'],
      ['order_items.created_month', 'date_month', 'Created Month'],
      ['order_items.created_year', 'date_year', 'Created Year'],
    ]);
    expect(created.every((f) => f.is_timeframe === true && f.measure === false)).toBe(true);
  });

  test('measures report their aggregation type', () => {
    const measures = engine.getExplore('ecommerce', 'users')?.fields?.measures ?? [];
    expect(measures.map((f) => [f.name, f.type])).toEqual([
      ['users.count', 'count'],
      ['users.average_age', 'average'],
      ['users.count_countries', 'count_distinct'],
      ['orders.count', 'count'],
      ['orders.average_items', 'average'],
    ]);
    expect(measures.every((f) => f.measure === true && f.category === 'measure' && f.is_numeric === true)).toBe(true);
    expect(field(measures, 'users.count_countries')?.label).toBe('Users Number of Countries');
  });

  test('yesno dimensions list their two values', () => {
    const f = field(engine.getExplore('ecommerce', 'order_items')?.fields?.dimensions, 'order_items.is_returned');
    expect(f?.type).toBe('yesno');
    expect(f?.enumerations?.map((e) => e.value)).toEqual(['Yes', 'No']);
  });

  test('unknown explores are undefined', () => {
    expect(engine.getExplore('ecommerce', 'nope')).toBeUndefined();
    expect(engine.getExplore('nope', 'order_items')).toBeUndefined();
    expect(engine.getExplore('inventory', 'order_items')).toBeUndefined();
  });
});

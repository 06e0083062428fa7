import { datasetSize } from './dataset-size';
import { between, listLiteral, macroStatements, pick, weightedCase } from './sql-builders';
import {
  brands,
  categories,
  distributionCenters,
  firstNames,
  lastNames,
  locations,
  productAdjectives,
  statuses,
  trafficSources,
} from './value-sets';

/** What the generator needs to know: everything that changes the data. */
export interface GeneratorSettings {
  seed: number;
  scale: number;
  /** Last day of the data (UTC date part); the data spans the ~3 years before it. */
  referenceDate: Date;
}

const DAY_MS = 86_400_000;
const SPAN_DAYS = 3 * 365;

/** `TIMESTAMP 'YYYY-MM-DD 00:00:00'` for a UTC day. */
function dayLiteral(ms: number): string {
  return `TIMESTAMP '${new Date(ms).toISOString().slice(0, 10)} 00:00:00'`;
}

/**
 * The SQL statements that build the demo data set, in order. Same settings ⇒ same statements ⇒
 * identical data. Rows are generated with `range()`; every random choice hashes the row number with
 * the seed and a per-column salt.
 */
export function tableStatements(settings: GeneratorSettings): string[] {
  const { seed } = settings;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
  const size = datasetSize(settings.scale);
  const refDay = Math.floor(settings.referenceDate.getTime() / DAY_MS) * DAY_MS;
  // Data ends just before midnight after the reference day, so "today" has rows.
  const end = dayLiteral(refDay + DAY_MS);
  const start = dayLiteral(refDay - SPAN_DAYS * DAY_MS);
  const endMinusSecond = `(${end} - INTERVAL 1 SECOND)`;

  return [
    ...macroStatements(seed),
    `CREATE OR REPLACE TABLE distribution_centers AS
       SELECT (i + 1)::INTEGER AS id, ${listLiteral(distributionCenters)}[i + 1] AS name
       FROM range(${size.distributionCenters}) t(i)`,

    `CREATE OR REPLACE TABLE products AS
       SELECT id, brand || ' ' || adjective || ' ' || category AS name, brand, category, department, retail_price,
              round(retail_price * (0.35 + 0.25 * rnd(id, 'p_cost')), 2)::DECIMAL(10, 2) AS cost,
              pick_index(${size.distributionCenters}, id, 'p_dc') AS distribution_center_id
       FROM (
         SELECT (i + 1)::INTEGER AS id,
                ${pick(brands, 'i + 1', 'p_brand')} AS brand,
                ${pick(productAdjectives, 'i + 1', 'p_adj')} AS adjective,
                ${listLiteral(categories.map((c) => c[0]))}[pick_index(${categories.length}, i + 1, 'p_cat')] AS category,
                ${listLiteral(categories.map((c) => c[1]))}[pick_index(${categories.length}, i + 1, 'p_cat')] AS department,
                round(8 + power(rnd(i + 1, 'p_price'), 2) * 250, 2)::DECIMAL(10, 2) AS retail_price
         FROM range(${size.products}) t(i)
       ) ORDER BY id`,

    `CREATE OR REPLACE TABLE users AS
       SELECT id, first_name, last_name,
              lower(replace(first_name || '.' || last_name, '''', '')) || id || '@example.com' AS email,
              age, gender,
              CASE WHEN rnd(id, 'u_nocity') < 0.02 THEN NULL ELSE ${listLiteral(locations.map((l) => l[0]))}[loc] END AS city,
              ${listLiteral(locations.map((l) => l[1]))}[loc] AS state,
              ${listLiteral(locations.map((l) => l[2]))}[loc] AS country,
              ${weightedCase(trafficSources, "rnd(id, 'u_traffic')")} AS traffic_source,
              ${between(start, endMinusSecond, "rnd(id, 'u_created')")} AS created_at
       FROM (
         SELECT id, gender,
                CASE gender WHEN 'F' THEN ${pick(firstNames.F, 'id', 'u_first')} ELSE ${pick(firstNames.M, 'id', 'u_first')} END AS first_name,
                ${pick(lastNames, 'id', 'u_last')} AS last_name,
                (12 + (hash(id, ${seed}, 'u_age') % 69))::INTEGER AS age,
                pick_index(${locations.length}, id, 'u_loc') AS loc
         FROM (SELECT (i + 1)::INTEGER AS id, CASE WHEN rnd(i + 1, 'u_gender') < 0.5 THEN 'F' ELSE 'M' END AS gender
               FROM range(${size.users}) t(i))
       ) ORDER BY id`,

    // Orders: draw candidates with 1..4 items, keep those whose items fit in exactly orderItems.
    `CREATE OR REPLACE TEMP TABLE order_candidates AS
       SELECT id, num, sum(num) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) - num AS first_item
       FROM (SELECT (i + 1)::INTEGER AS id, pick_index(4, i + 1, 'o_items') AS num FROM range(${size.orderCandidates}) t(i))`,

    `CREATE OR REPLACE TABLE orders AS
       SELECT o.id, u.id AS user_id,
              ${weightedCase(statuses, "rnd(o.id, 'o_status')")} AS status,
              least(o.num, ${size.orderItems} - o.first_item)::INTEGER AS num_of_item,
              ${between('u.created_at', endMinusSecond, "power(rnd(o.id, 'o_created'), 2)")} AS created_at
       FROM order_candidates o JOIN users u ON u.id = pick_index(${size.users}, o.id, 'o_user')
       WHERE o.first_item < ${size.orderItems}
       ORDER BY o.id`,

    `CREATE OR REPLACE TABLE order_items AS
       SELECT (c.first_item + k + 1)::INTEGER AS id, o.id AS order_id, o.user_id, p.id AS product_id, o.status,
              p.retail_price AS sale_price, o.created_at,
              CASE WHEN o.status = 'Returned'
                   THEN least(o.created_at + to_seconds(CAST(86400 * (1 + 20 * rnd(c.first_item + k + 1, 'oi_ret')) AS BIGINT)), ${endMinusSecond})
              END AS returned_at
       FROM (SELECT id, first_item, unnest(range(num)) AS k FROM order_candidates WHERE first_item < ${size.orderItems}) c
       JOIN orders o ON o.id = c.id
       JOIN products p ON p.id = pick_index(${size.products}, c.first_item + k + 1, 'oi_product')
       WHERE c.k < o.num_of_item
       ORDER BY id`,

    'DROP TABLE order_candidates',

    // Every order item was taken from stock; cancelled ones went back unsold. Plus unsold stock.
    `CREATE OR REPLACE TABLE inventory_items AS
       SELECT oi.id, oi.product_id, p.cost,
              oi.created_at - to_seconds(CAST(86400 * 90 * rnd(oi.id, 'ii_age') AS BIGINT)) AS created_at,
              CASE WHEN oi.status = 'Cancelled' THEN NULL ELSE oi.created_at END AS sold_at
       FROM order_items oi JOIN products p ON p.id = oi.product_id
       UNION ALL
       SELECT s.id, s.product_id, p.cost, s.created_at, NULL::TIMESTAMP AS sold_at
       FROM (SELECT (${size.orderItems} + i + 1)::INTEGER AS id,
                    pick_index(${size.products}, ${size.orderItems} + i + 1, 'ii_product') AS product_id,
                    ${between(start, endMinusSecond, `rnd(${size.orderItems} + i + 1, 'ii_created')`)} AS created_at
             FROM range(${size.unsoldInventory}) t(i)) s
       JOIN products p ON p.id = s.product_id
       ORDER BY id`,
  ];
}

/** The tables the generator creates, in dependency order. */
export const tableNames = [
  'distribution_centers',
  'products',
  'users',
  'orders',
  'order_items',
  'inventory_items',
] as const;

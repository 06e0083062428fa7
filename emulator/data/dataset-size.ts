/** Row counts of the generated tables for a given scale factor. */
export interface DatasetSize {
  orderItems: number;
  /** Candidate orders drawn before trimming to exactly `orderItems` items (about 2.5 items each). */
  orderCandidates: number;
  users: number;
  products: number;
  distributionCenters: number;
  /** Inventory items that were never sold (the sold ones mirror order items). */
  unsoldInventory: number;
}

/** Items per order average 2.5 (uniform 1..4), so 100,000 items make about 40,000 orders. */
const ITEMS_PER_ORDER = 2.5;

/**
 * Table sizes for a scale factor: scale 1 is 100,000 order items. The product catalogue grows with
 * the square root of the scale, since a shop's catalogue grows much slower than its sales.
 */
export function datasetSize(scale: number): DatasetSize {
  if (!Number.isFinite(scale) || scale <= 0) throw new RangeError(`scale must be a positive number, got ${scale}`);
  const orderItems = Math.max(10, Math.round(100_000 * scale));
  const orders = orderItems / ITEMS_PER_ORDER;
  return {
    orderItems,
    // 20 % spare candidates so the running total of items always reaches orderItems.
    orderCandidates: Math.ceil(orders * 1.2) + 10,
    users: Math.max(5, Math.round(15_000 * scale)),
    products: Math.min(50_000, Math.max(50, Math.round(2_500 * Math.sqrt(scale)))),
    distributionCenters: 10,
    unsoldInventory: Math.round(orderItems / 2),
  };
}

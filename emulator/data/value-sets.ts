/**
 * The value sets the demo data set draws from. They mimic Looker's "thelook" e-commerce demo so
 * queries return familiar-looking answers.
 */

/** Order and order-item statuses with their relative weights (percent). */
export const statuses: readonly (readonly [string, number])[] = [
  ['Complete', 45],
  ['Shipped', 20],
  ['Processing', 15],
  ['Cancelled', 10],
  ['Returned', 10],
];

/** Where users come from, with weights (percent). */
export const trafficSources: readonly (readonly [string, number])[] = [
  ['Search', 70],
  ['Organic', 15],
  ['Facebook', 6],
  ['Email', 5],
  ['Display', 4],
];

/** City, state and country, kept together so a user's address is consistent. */
export const locations: readonly (readonly [string, string, string])[] = [
  ['New York', 'New York', 'USA'],
  ['Los Angeles', 'California', 'USA'],
  ['San Francisco', 'California', 'USA'],
  ['Chicago', 'Illinois', 'USA'],
  ['Houston', 'Texas', 'USA'],
  ['Austin', 'Texas', 'USA'],
  ['Seattle', 'Washington', 'USA'],
  ['Miami', 'Florida', 'USA'],
  ['Washington, D.C.', 'District of Columbia', 'USA'],
  ['London', 'England', 'United Kingdom'],
  ['Manchester', 'England', 'United Kingdom'],
  ['Paris', 'Ile-de-France', 'France'],
  ['Berlin', 'Berlin', 'Germany'],
  ['Munich', 'Bavaria', 'Germany'],
  ['Madrid', 'Madrid', 'Spain'],
  ['Sao Paulo', 'Sao Paulo', 'Brasil'],
  ['Tokyo', 'Tokyo', 'Japan'],
  ['Shanghai', 'Shanghai', 'China'],
  ['Sydney', 'New South Wales', 'Australia'],
];

/** First names by gender (`F`, `M`). */
export const firstNames: Readonly<Record<'F' | 'M', readonly string[]>> = {
  F: [
    'Mary',
    'Patricia',
    'Jennifer',
    'Linda',
    'Elizabeth',
    'Susan',
    'Jessica',
    'Sarah',
    'Karen',
    'Nancy',
    'Lisa',
    'Emma',
    'Olivia',
    'Sophia',
    "Ch'loe",
  ],
  M: [
    'James',
    'John',
    'Robert',
    'Michael',
    'William',
    'David',
    'Richard',
    'Joseph',
    'Thomas',
    'Charles',
    'Daniel',
    'Matthew',
    'Noah',
    'Liam',
    'Jose',
  ],
};

/** Last names. One carries an apostrophe so quoting is exercised by ordinary data. */
export const lastNames: readonly string[] = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
  'Taylor',
  'Moore',
  'Jackson',
  "O'Brien",
];

/** Product categories with the department they belong to. */
export const categories: readonly (readonly [string, string])[] = [
  ['Jeans', 'Men'],
  ['Jeans', 'Women'],
  ['Tops & Tees', 'Women'],
  ['Tops & Tees', 'Men'],
  ['Sweaters', 'Women'],
  ['Sweaters', 'Men'],
  ['Outerwear & Coats', 'Men'],
  ['Outerwear & Coats', 'Women'],
  ['Shorts', 'Men'],
  ['Dresses', 'Women'],
  ['Swim', 'Women'],
  ['Accessories', 'Men'],
  ['Accessories', 'Women'],
  ['Socks', 'Men'],
  ['Intimates', 'Women'],
  ['Active', 'Men'],
];

/** Product brands. */
export const brands: readonly string[] = [
  'Allegra K',
  'Calvin Klein',
  'Carhartt',
  'Columbia',
  'Diesel',
  'Hanes',
  "Levi's",
  'Nike',
  'Patagonia',
  'Quiksilver',
  'Ray-Ban',
  'Tommy Hilfiger',
  'Under Armour',
  'Volcom',
  'Wrangler',
  'Zara',
];

/** Adjectives used to build product names. */
export const productAdjectives: readonly string[] = [
  'Classic',
  'Slim Fit',
  'Relaxed',
  'Vintage',
  'Essential',
  'Premium',
  'Everyday',
  'Lightweight',
  'Cozy',
  'Performance',
];

/**
 * The distribution centres (ids 1..10 in this order). The last four names are text a spreadsheet
 * would run as a formula (`=`, `@`, `+`, `-` first), so exports of ordinary data meet them.
 */
export const distributionCenters: readonly string[] = [
  'Memphis TN',
  'Chicago IL',
  'Houston TX',
  'Los Angeles CA',
  'New Orleans LA',
  'Port Authority of New York/New Jersey NY/NJ',
  '=HYPERLINK("http://evil.example","click")',
  '@SUM(1+1)',
  '+1+1',
  '-2+3',
];

import { filterControl } from '../../../src/input/filter-control';

test("a value control keeps Looker's options in order", () => {
  expect(filterControl({ type: 'button_group', display: 'inline', options: ['Men', 'Women'] })).toEqual({
    type: 'BUTTON_GROUP',
    rawType: 'button_group',
    display: 'INLINE',
    options: ['Men', 'Women'],
    min: null,
    max: null,
    raw: { type: 'button_group', display: 'inline', options: ['Men', 'Women'] },
  });
});

test('a slider reads its bounds from options', () => {
  expect(filterControl({ type: 'range_slider', display: 'overflow', options: { min: 0, max: '250' } })).toMatchObject({
    type: 'RANGE_SLIDER',
    display: 'OVERFLOW',
    options: [],
    min: 0,
    max: 250,
  });
});

test('no ui_config, or a control this API does not know, is an advanced control in a popover', () => {
  expect(filterControl(undefined)).toEqual({
    type: 'ADVANCED',
    rawType: null,
    display: 'POPOVER',
    options: [],
    min: null,
    max: null,
    raw: null,
  });
  expect(filterControl({ type: 'color_wheel', display: 'sideways' })).toMatchObject({
    type: 'ADVANCED',
    rawType: 'color_wheel',
    display: 'POPOVER',
  });
  expect(filterControl({ type: 'constructor' }).type).toBe('ADVANCED');
});

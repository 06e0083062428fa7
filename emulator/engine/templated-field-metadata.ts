import { Category, type ILookmlModelExploreField } from '@looker/sdk';
import type { TemplatedField } from '../query/templated-fields';

/**
 * A filter-only field or parameter in Looker's `LookmlModelExploreField` shape: `category`
 * `filter` (`is_filter`) or `parameter` (`parameter`); a parameter's LookML `allowed_value`s are
 * its `enumerations` (`has_allowed_values`) and its `default_value` is `default_filter_value`.
 * `base` is the field as a dimension would be listed.
 */
export function toTemplatedExploreField(t: TemplatedField, base: ILookmlModelExploreField): ILookmlModelExploreField {
  const allowed = t.parameter?.allowedValues ?? [];
  return {
    ...base,
    category: t.kind === 'filter' ? Category.filter : Category.parameter,
    is_filter: t.kind === 'filter',
    parameter: t.kind === 'parameter',
    sortable: false,
    suggestable: t.kind === 'filter' && t.field.filterKind === 'string',
    suggest_dimension: t.filter?.suggestDimension ?? t.field.name,
    enumerations: allowed.length > 0 ? allowed.map((v) => ({ label: v.label, value: v.value })) : base.enumerations,
    has_allowed_values: allowed.length > 0,
    default_filter_value: t.parameter?.defaultValue ?? null,
  };
}

/**
 * One filter of the search page: a fieldset of check boxes, one per value, each with its count of
 * results when the engine counted them (« Parents (12) »). Checking a box calls `onToggle`.
 */
export interface FacetFieldsetProps<T extends string> {
  legend: string;
  values: readonly T[];
  checked: readonly string[];
  label: (value: T) => string;
  /** « (12) », or '' when the count is not known. */
  count: (value: T) => string;
  onToggle: (value: T, on: boolean) => void;
}

export function FacetFieldset<T extends string>({ legend, values, checked, label, count, onToggle }: FacetFieldsetProps<T>) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {values.map((value) => (
        <label key={value} className="search-filters__option">
          <input type="checkbox" checked={checked.includes(value)} onChange={(e) => onToggle(value, e.target.checked)} />
          {label(value)}
          {count(value)}
        </label>
      ))}
    </fieldset>
  );
}

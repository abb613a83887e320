/** A table's header row: one column header per name. */
export function ColumnHeaders({ names }: { readonly names: readonly string[] }) {
  return (
    <thead>
      <tr>
        {names.map((name) => <th key={name} scope="col">{name}</th>)}
      </tr>
    </thead>
  );
}

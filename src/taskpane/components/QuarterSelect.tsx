import { Field, Select } from "@fluentui/react-components";
import { Quarter, QUARTERS } from "../../domain/contract";

/** A labelled choice of Q1–Q4. */
export function QuarterSelect({ label, hint, value, onChange }: { label: string; hint?: string; value: Quarter; onChange: (q: Quarter) => void }) {
  return (
    <Field label={label} hint={hint}>
      <Select value={value} onChange={(_, d) => onChange(d.value as Quarter)}>
        {QUARTERS.map((q) => (
          <option key={q} value={q}>
            {q}
          </option>
        ))}
      </Select>
    </Field>
  );
}

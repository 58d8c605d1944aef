import { Segmented } from 'antd';

/** A small labelled switch between a few named choices (a segmented control). */
export function ChoiceSwitch<T extends string>({
  label,
  value,
  onChange,
  choices,
  style,
}: {
  label: string;
  value: T;
  onChange: (value: T) => void;
  /** `[value, label]` pairs, in order. */
  choices: Array<[T, string]>;
  style?: React.CSSProperties;
}) {
  return (
    <Segmented<T>
      aria-label={label}
      size="small"
      value={value}
      onChange={onChange}
      options={choices.map(([v, l]) => ({ value: v, label: l }))}
      style={style}
    />
  );
}

/** A volume control from silent to full, read out in percent. */
interface Props {
  value: number;
  onChange: (volume: number) => void;
  /** Its accessible name, unless a surrounding <label> gives one. */
  label?: string;
}

export function VolumeSlider({ value, onChange, label }: Props) {
  return (
    <input
      type="range"
      min={0}
      max={1}
      step={0.05}
      value={value}
      aria-label={label}
      aria-valuetext={`${Math.round(value * 100)} %`}
      onChange={(event) => onChange(Number(event.target.value))}
    />
  );
}

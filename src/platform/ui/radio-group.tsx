import type { Option } from './field.tsx';
import { describedBy, HintAndError } from './hint.tsx';

interface RadioGroupProps {
  name: string;
  legend: string;
  options: ReadonlyArray<Option & { hint?: string | undefined }>;
  value?: string | undefined;
  error?: string | undefined;
  hint?: string | undefined;
  required?: boolean;
}

/**
 * One choice out of several under one legend. The first button carries the id f-<name> for the error
 * summary; an option's own hint is read with that option.
 */
export function RadioGroup(props: RadioGroupProps) {
  const id = `f-${props.name}`;
  return (
    <fieldset class={props.error ? 'field field--error' : 'field'} aria-describedby={describedBy(id, props.hint, props.error)}>
      <legend>{props.legend}</legend>
      <HintAndError id={id} hint={props.hint} error={props.error} />
      {props.options.map((o, i) => {
        const optionId = i === 0 ? id : `${id}-${o.value}`;
        return (
          <div class="checkbox radio" key={o.value}>
            <input
              type="radio"
              id={optionId}
              name={props.name}
              value={o.value}
              checked={o.value === props.value}
              required={props.required}
              aria-describedby={o.hint ? `${optionId}-option-hint` : undefined}
            />
            <span>
              <label for={optionId}>{o.label}</label>
              {o.hint && (
                <span class="hint option-hint" id={`${optionId}-option-hint`}>
                  {o.hint}
                </span>
              )}
            </span>
          </div>
        );
      })}
    </fieldset>
  );
}

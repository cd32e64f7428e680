/**
 * A commune or postal-code field with suggestions (WAI-ARIA combobox with a list box): tolerant of
 * accents, hyphens and "St"/"Saint", reading small files from /communes/. Usable in any form: the
 * text goes in `name`, the INSEE code of the chosen commune in `<name>Insee` (hidden field).
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Commune } from '../../lib/territories/territory-data.ts';
import { communeLabel, suggestCommunes } from './search-loaders.ts';
import './commune-field.css';

export interface CommuneFieldProps {
  /** Name of the text field in the form (the INSEE code goes in `<name>Insee`). */
  name: string;
  label: string;
  defaultValue?: string;
  /** Called with the chosen commune, or null when the text no longer names the chosen one. */
  onSelect?: (commune: Commune | null) => void;
  required?: boolean;
  /** INSEE code of the commune already chosen, if any. */
  defaultInsee?: string;
  /** Hint under the label. */
  hint?: string;
  /** id of the input (to link a label elsewhere); generated when absent. */
  id?: string;
}

export default function CommuneField({ name, label, defaultValue = '', onSelect, required = false, defaultInsee = '', hint, id }: CommuneFieldProps) {
  const generated = useId();
  const inputId = id ?? `commune-${generated}`;
  const listId = `${inputId}-suggestions`;
  const hintId = `${inputId}-aide`;
  const [text, setText] = useState(defaultValue);
  const [insee, setInsee] = useState(defaultInsee);
  const [suggestions, setSuggestions] = useState<Commune[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [message, setMessage] = useState('');
  const request = useRef(0);
  // Suggestions follow what the person types, not a value set by the page or a choice.
  const typed = useRef(false);

  // The page may set the value again (back button): follow it.
  useEffect(() => {
    typed.current = false;
    setText(defaultValue);
  }, [defaultValue]);
  useEffect(() => setInsee(defaultInsee), [defaultInsee]);

  useEffect(() => {
    if (!typed.current) return;
    const query = text.trim();
    if (query.length < 1) {
      setSuggestions([]);
      setOpen(false);
      setMessage('');
      return;
    }
    const current = ++request.current;
    const timer = setTimeout(() => {
      suggestCommunes(query)
        .then((found) => {
          if (current !== request.current) return;
          setSuggestions(found);
          setActive(-1);
          setOpen(found.length > 0);
          setMessage(found.length ? `${found.length} commune${found.length > 1 ? 's' : ''} proposée${found.length > 1 ? 's' : ''}. Flèches haut et bas pour choisir.` : /^\d{1,2}$/.test(query) ? 'Tapez au moins 3 chiffres du code postal.' : 'Aucune commune ne correspond.');
        })
        .catch(() => {
          if (current === request.current) setMessage('Les suggestions de communes ne sont pas disponibles pour le moment.');
        });
    }, 120);
    return () => clearTimeout(timer);
  }, [text]);

  const choose = (commune: Commune): void => {
    typed.current = false;
    setText(communeLabel(commune));
    setInsee(commune.code);
    setOpen(false);
    setSuggestions([]);
    setMessage(`${communeLabel(commune)} choisie.`);
    onSelect?.(commune);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' && suggestions.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i + 1) % suggestions.length);
    } else if (event.key === 'ArrowUp' && suggestions.length) {
      event.preventDefault();
      setOpen(true);
      setActive((i) => (i <= 0 ? suggestions.length - 1 : i - 1));
    } else if (event.key === 'Enter' && open && active >= 0 && suggestions[active]) {
      event.preventDefault();
      choose(suggestions[active]);
    } else if (event.key === 'Escape' && open) {
      event.preventDefault();
      setOpen(false);
    }
  };

  return (
    <div className="commune-field">
      <label htmlFor={inputId}>{label}</label>
      {hint && (
        <p className="commune-field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <input
        id={inputId}
        name={name}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        aria-describedby={hint ? hintId : undefined}
        autoComplete="off"
        spellCheck={false}
        required={required}
        value={text}
        onChange={(event) => {
          typed.current = true;
          setText(event.target.value);
          if (insee) {
            setInsee('');
            onSelect?.(null);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
      />
      <input type="hidden" name={`${name}Insee`} value={insee} />
      <ul id={listId} role="listbox" aria-label={`Communes pour « ${text} »`} className="commune-field__list" hidden={!open}>
        {suggestions.map((commune, i) => (
          <li
            key={commune.code}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className="commune-field__option"
            onMouseDown={(event) => {
              event.preventDefault();
              choose(commune);
            }}
          >
            {commune.name} <span className="commune-field__meta">({commune.postalCodes.slice(0, 3).join(', ')}{commune.postalCodes.length > 3 ? '…' : ''}) · {commune.departementCode}</span>
          </li>
        ))}
      </ul>
      <p className="visually-hidden" aria-live="polite">
        {message}
      </p>
    </div>
  );
}

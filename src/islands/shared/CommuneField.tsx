/**
 * A commune or postal-code field with suggestions (WAI-ARIA combobox with a list box): tolerant of
 * accents, hyphens and "St"/"Saint", reading small files from /communes/. Usable in any form: the
 * text goes in `name`, the INSEE code of the chosen commune in `<name>Insee` (hidden field). A name
 * typed and left without a choice is settled when the field is left: the only commune of that name
 * is taken, and when several bear it (« Saint-Denis ») the field asks which one.
 */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import type { Commune } from '../../lib/territories/territory-data.ts';
import { communeLabel } from '../../lib/search/search-place.ts';
import { resolveCommune, suggestCommunes } from './commune-loaders.ts';
import { loadSearchManifest } from './site-feeds.ts';
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
  /** Communes of the same name to choose from, when the page found the name ambiguous (a URL « ?lieu=Saint-Denis »). */
  choices?: readonly Commune[];
}

/** « 974 – La Réunion » once the département names are loaded, « 974 » until then. */
function useDepartementNames(wanted: boolean): (code: string) => string {
  const [names, setNames] = useState<Record<string, string>>({});
  useEffect(() => {
    if (!wanted) return;
    loadSearchManifest()
      .then((manifest) => setNames(Object.fromEntries(Object.entries(manifest.departements).map(([code, d]) => [code, d.name]))))
      .catch(() => undefined);
  }, [wanted]);
  return (code) => (names[code] ? `${code} – ${names[code]}` : code);
}

export default function CommuneField({
  name,
  label,
  defaultValue = '',
  onSelect,
  required = false,
  defaultInsee = '',
  hint,
  id,
  choices,
}: CommuneFieldProps) {
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
  const [ambiguous, setAmbiguous] = useState<readonly Commune[]>([]);
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
          setMessage(
            found.length
              ? `${found.length} commune${found.length > 1 ? 's' : ''} proposée${found.length > 1 ? 's' : ''}. Flèches haut et bas pour choisir.`
              : /^\d{1,2}$/.test(query)
                ? 'Tapez au moins 3 chiffres du code postal.'
                : 'Aucune commune ne correspond.',
          );
        })
        .catch(() => {
          if (current === request.current) setMessage('Les suggestions de communes ne sont pas disponibles pour le moment.');
        });
    }, 120);
    return () => clearTimeout(timer);
  }, [text]);

  const sameName = ambiguous.length > 1 ? ambiguous : choices && choices.length > 1 && !insee ? choices : [];
  const departementOf = useDepartementNames(sameName.length > 0);

  const choose = (commune: Commune): void => {
    typed.current = false;
    setAmbiguous([]);
    setText(communeLabel(commune));
    setInsee(commune.code);
    setOpen(false);
    setSuggestions([]);
    setMessage(`${communeLabel(commune)} choisie.`);
    onSelect?.(commune);
  };

  /** A name typed and left without a choice: take the only commune of that name, or ask which one. */
  const settle = (): void => {
    const typedText = text.trim();
    if (!typed.current || insee || !typedText) return;
    const current = request.current;
    resolveCommune(typedText)
      .then((answer) => {
        if (current !== request.current || !typed.current) return;
        if ('commune' in answer) choose(answer.commune);
        else if ('choices' in answer) {
          setAmbiguous(answer.choices);
          setMessage(`Plusieurs communes s’appellent « ${typedText} » : choisissez la vôtre dans la liste sous le champ.`);
        }
      })
      .catch(() => undefined);
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
          setAmbiguous([]);
          if (insee) {
            setInsee('');
            onSelect?.(null);
          }
        }}
        onKeyDown={onKeyDown}
        onBlur={() => {
          setTimeout(() => setOpen(false), 150);
          settle();
        }}
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
            {commune.name}{' '}
            <span className="commune-field__meta">
              ({commune.postalCodes.slice(0, 3).join(', ')}
              {commune.postalCodes.length > 3 ? '…' : ''}) · {commune.departementCode}
            </span>
          </li>
        ))}
      </ul>
      {sameName.length > 0 && (
        <div className="commune-field__choices" role="group" aria-labelledby={`${inputId}-choix`}>
          <p id={`${inputId}-choix`}>Plusieurs communes s’appellent « {sameName[0]?.name} ». Laquelle est la vôtre ?</p>
          <ul>
            {sameName.map((commune) => (
              <li key={commune.code}>
                <button type="button" className="commune-field__choice" onClick={() => choose(commune)}>
                  {communeLabel(commune)}, {departementOf(commune.departementCode)}
                </button>
              </li>
            ))}
          </ul>
        </div>
      )}
      <p className="visually-hidden" aria-live="polite">
        {message}
      </p>
    </div>
  );
}

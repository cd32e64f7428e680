/**
 * Shows a contribution's errors in the server-rendered form, where the page puts them without
 * JavaScript: each message right after its field (or a group's legend), tied to it by
 * aria-describedby, with aria-invalid on the control; a commune that several communes share gets its
 * choice. Everything typed stays as it is: only error paragraphs and attributes change.
 */
import { CONTRIBUTION_ERROR_SUFFIX, CONTRIBUTION_FIELDS, contributionFieldId } from '../../lib/contribution/contribution-fields.ts';
import { FORM_ERROR_KEY, type CommuneChoice, type FieldErrors } from '../../lib/referral/referral-form.ts';

const ADDED = 'data-contribution-ajout';

/** The control a field's error describes: the element of its id, the input of a label, or a group's own "-input". */
function controlOf(target: HTMLElement): HTMLElement {
  if (target.tagName === 'LABEL') return target.querySelector<HTMLElement>('input') ?? target;
  if (target.tagName === 'FIELDSET') return document.getElementById(`${target.id}-input`) ?? target;
  return target;
}

/** What to focus from the error summary's link: the control, or a group's first control. */
export function focusTarget(name: string): HTMLElement | undefined {
  const target = document.getElementById(contributionFieldId(name));
  if (!target) return undefined;
  const control = controlOf(target);
  return control.tagName === 'FIELDSET' ? (control.querySelector<HTMLElement>('input, select, textarea') ?? control) : control;
}

function describe(element: HTMLElement, errorId: string): void {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && id !== errorId);
  element.setAttribute('aria-describedby', [...ids, errorId].join(' '));
}

function undescribe(element: Element): void {
  const ids = (element.getAttribute('aria-describedby') ?? '').split(/\s+/).filter((id) => id && !id.endsWith(CONTRIBUTION_ERROR_SUFFIX));
  if (ids.length) element.setAttribute('aria-describedby', ids.join(' '));
  else element.removeAttribute('aria-describedby');
}

function errorParagraph(id: string, message: string): HTMLParagraphElement {
  const paragraph = document.createElement('p');
  paragraph.className = 'referral-error';
  paragraph.id = id;
  const hidden = document.createElement('span');
  hidden.className = 'visually-hidden';
  hidden.textContent = 'Erreur : ';
  paragraph.append(hidden, message);
  return paragraph;
}

function communeChoiceGroup(choices: readonly CommuneChoice[]): HTMLFieldSetElement {
  const group = document.createElement('fieldset');
  group.className = 'referral-subfield';
  group.setAttribute(ADDED, '');
  const legend = document.createElement('legend');
  legend.textContent = 'Choisissez la commune';
  group.append(legend);
  for (const choice of choices) {
    const label = document.createElement('label');
    label.className = 'referral-choice';
    const radio = document.createElement('input');
    radio.type = 'radio';
    radio.name = CONTRIBUTION_FIELDS.communeCode;
    radio.value = choice.code;
    label.append(radio, ` ${choice.label}`);
    group.append(label);
  }
  return group;
}

/** Replaces the errors the form shows (the server's or earlier ones) by these. */
export function showFieldErrors(form: HTMLFormElement, errors: FieldErrors, communeChoices?: readonly CommuneChoice[]): void {
  for (const old of form.querySelectorAll(`.referral-error, [${ADDED}]`)) old.remove();
  for (const invalid of form.querySelectorAll('[aria-invalid]')) invalid.removeAttribute('aria-invalid');
  for (const described of form.querySelectorAll('[aria-describedby]')) undescribe(described);

  for (const [name, message] of Object.entries(errors)) {
    if (name === FORM_ERROR_KEY) continue;
    const target = document.getElementById(contributionFieldId(name));
    if (!target || !form.contains(target)) continue;
    const control = controlOf(target);
    const paragraph = errorParagraph(`${target.id}${CONTRIBUTION_ERROR_SUFFIX}`, message);
    if (control === target && target.tagName === 'FIELDSET') target.querySelector('legend')?.after(paragraph);
    else control.after(paragraph);
    describe(control, paragraph.id);
    if (control.tagName !== 'FIELDSET') control.setAttribute('aria-invalid', 'true');
  }

  if (communeChoices?.length) {
    const commune = document.getElementById(contributionFieldId(CONTRIBUTION_FIELDS.commune));
    // The code chosen before no longer fits the text: the choice replaces it.
    for (const hidden of form.querySelectorAll<HTMLInputElement>(`input[type="hidden"][name="${CONTRIBUTION_FIELDS.communeCode}"]`))
      hidden.remove();
    const after = commune?.nextElementSibling?.classList.contains('referral-error') ? commune.nextElementSibling : commune;
    after?.after(communeChoiceGroup(communeChoices));
  }
}

import { useEffect, useRef } from 'react';

/**
 * Moves the keyboard focus to the first invalid field of a form after a refused submit, so that a keyboard or
 * screen-reader user lands on the message (WCAG 3.3.1). Only on submit: editing a field clears its own message
 * and must not send the focus elsewhere.
 */
export function useFocusFirstError<T extends HTMLElement = HTMLFormElement>() {
  const formRef = useRef<T>(null);
  const pending = useRef(false);
  // After every render: the invalid fields exist in the DOM only once the render that shows them has run.
  useEffect(() => {
    if (!pending.current) return;
    pending.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  });
  return {
    formRef,
    /** Call when setting the errors of a refused submit. */
    focusFirstError() {
      pending.current = true;
    },
  };
}

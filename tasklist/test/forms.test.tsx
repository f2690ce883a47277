/**
 * Form rendering and validation messages: generated forms (types, defaults, server messages
 * next to the fields), Camunda Forms through form-js (prefill, browser-side validation,
 * server messages at the field), the variable editor, and value conversion.
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError, type VariablesDto } from '@baton/api/client';
import { FormPanel } from '../src/forms/form-panel';
import { inferTyped, typedOfData, typedOfField } from '../src/forms/form-values';
import { APPROVE_FORM, EXPENSE_FORM } from './fixtures';

const fieldError = (fieldErrors: Record<string, string>) =>
  new ApiError(400, { type: 'InvalidRequestException', message: 'Invalid form values', details: { fieldErrors } });

describe('generated forms', () => {
  it('renders each field type with its label, default and prefilled values', () => {
    render(<FormPanel form={EXPENSE_FORM} initial={{ purpose: { value: 'Train', type: 'String' } }} submitLabel="Start process" onSubmit={async () => undefined} />);
    expect((screen.getByLabelText('Purpose *') as HTMLInputElement).value).toBe('Train');
    expect((screen.getByLabelText('Spent on') as HTMLInputElement).type).toBe('date');
    expect((screen.getByLabelText('Category') as HTMLSelectElement).value).toBe('travel');
    expect((screen.getByLabelText('Receipt attached') as HTMLInputElement).checked).toBe(false);
    expect(screen.getByLabelText('Purpose *').getAttribute('aria-required')).toBe('true');
  });

  it('submits typed values and shows the server’s messages next to the fields', async () => {
    const onSubmit = vi.fn(async (_v: VariablesDto) => {
      throw fieldError({ amountCents: 'Must be a whole number.', purpose: 'This field is required.' });
    });
    render(<FormPanel form={EXPENSE_FORM} initial={{}} submitLabel="Start process" onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('Amount (cents)'), { target: { value: '12.5' } });
    fireEvent.change(screen.getByLabelText('Spent on'), { target: { value: '2025-03-01' } });
    fireEvent.click(screen.getByRole('button', { name: 'Start process' }));
    await screen.findByText('Must be a whole number.');
    expect(onSubmit.mock.calls[0]![0]).toEqual({
      purpose: { value: null, type: 'Null' }, amountCents: { value: 12.5, type: 'Double' }, spentOn: { value: '2025-03-01T00:00:00.000+0000', type: 'Date' },
      category: { value: 'travel', type: 'String' }, receiptAttached: { value: false, type: 'Boolean' },
    });
    const amount = screen.getByLabelText('Amount (cents)');
    expect(amount.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(amount.getAttribute('aria-describedby')!)!.textContent).toBe('Must be a whole number.');
    expect(screen.getByRole('alert').textContent).toContain('Please correct 2 fields');
  });
});

describe('Camunda Forms (form-js)', () => {
  it('renders the form prefilled from variables and blocks invalid input in the browser', async () => {
    const onSubmit = vi.fn(async () => undefined);
    const { container } = render(<FormPanel form={APPROVE_FORM} initial={{ creditor: { value: 'ACME', type: 'String' } }} submitLabel="Complete task" onSubmit={onSubmit} />);
    const creditor = await screen.findByLabelText('Creditor');
    await waitFor(() => expect((creditor as HTMLInputElement).value).toBe('ACME'));
    fireEvent.input(screen.getByLabelText(/Cost center/), { target: { value: 'sales' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete task' }));
    await waitFor(() => expect(container.textContent).toContain('Field must match pattern ^[A-Z]{2}-[0-9]{4}$.'));
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends typed values and shows a server message at the field', async () => {
    const onSubmit = vi.fn(async (_v: VariablesDto) => {
      throw fieldError({ costCenter: 'Cost center SA-0000 is closed.' });
    });
    const { container } = render(<FormPanel form={APPROVE_FORM} initial={{ creditor: { value: 'ACME', type: 'String' } }} submitLabel="Complete task" onSubmit={onSubmit} />);
    await screen.findByLabelText('Creditor');
    fireEvent.input(screen.getByLabelText(/Cost center/), { target: { value: 'SA-0000' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete task' }));
    await waitFor(() => expect(container.querySelector('.fjs-form-field-error')?.textContent).toContain('Cost center SA-0000 is closed.'));
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ costCenter: { value: 'SA-0000', type: 'String' }, amount: { value: null, type: 'Null' }, creditor: { value: 'ACME', type: 'String' } });
  });
});

describe('variable editor and values', () => {
  it('edits and adds typed variables when a task has no form', async () => {
    const onSubmit = vi.fn(async (_v: VariablesDto) => undefined);
    render(<FormPanel form={{ kind: 'none', formKey: 'embedded:app:x.html', reason: "Form key 'embedded:app:x.html' is not a Camunda Form" }} initial={{ n: { value: 1, type: 'Long' } }} submitLabel="Complete task" onSubmit={onSubmit} />);
    expect(screen.getByText(/is not a Camunda Form/)).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Value of variable 1'), { target: { value: '42' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add variable' }));
    fireEvent.change(screen.getByLabelText('Name of variable 2'), { target: { value: 'ok' } });
    fireEvent.change(screen.getByLabelText('Type of variable 2'), { target: { value: 'Boolean' } });
    fireEvent.change(screen.getByLabelText('Value of variable 2'), { target: { value: 'true' } });
    fireEvent.click(screen.getByRole('button', { name: 'Complete task' }));
    await waitFor(() => expect(onSubmit).toHaveBeenCalled());
    expect(onSubmit.mock.calls[0]![0]).toEqual({ n: { value: 42, type: 'Long' }, ok: { value: true, type: 'Boolean' } });
  });

  it('types values as Camunda does', () => {
    expect(inferTyped(3)).toEqual({ value: 3, type: 'Long' });
    expect(inferTyped(['a'])).toEqual({ value: '["a"]', type: 'Json' });
    // A number keeps the numeric type of the variable it was prefilled from, where it fits.
    const before = { amount: { value: 420, type: 'Double' }, n: { value: 4, type: 'Integer' }, x: { value: 1, type: 'Integer' }, big: { value: 1, type: 'Short' } };
    expect(typedOfData({ amount: 420, n: 5, x: 1.5, big: 40_000, fresh: 3 }, before)).toEqual({
      amount: { value: 420, type: 'Double' }, n: { value: 5, type: 'Integer' }, x: { value: 1.5, type: 'Double' }, big: { value: 40_000, type: 'Long' }, fresh: { value: 3, type: 'Long' },
    });
    expect(typedOfField(EXPENSE_FORM.kind === 'generated' ? EXPENSE_FORM.fields[1]! : (null as never), 'abc')).toEqual({ value: 'abc', type: 'String' });
  });
});

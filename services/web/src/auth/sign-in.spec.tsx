/** @jest-environment jsdom */
import { fireEvent, render, screen } from '@testing-library/react';
import type { Session } from './access-token';
import { SignIn } from './sign-in';

const encode = (value: object) => btoa(JSON.stringify(value)).replace(/=+$/, '');

describe(SignIn.name, () => {
  it('should sign in with the role of the pasted token when it is valid', () => {
    const sessions: Session[] = [];
    render(<SignIn onSignIn={(s) => sessions.push(s)} />);
    fireEvent.change(screen.getByLabelText('Access token'), { target: { value: `${encode({ alg: 'HS256' })}.${encode({ role: 'viewer', sub: 'vic' })}.sig` } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(sessions.map((s) => [s.role, s.subject])).toEqual([['viewer', 'vic']]);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('should explain in a sentence and not sign in when the text is not a token', () => {
    const sessions: Session[] = [];
    render(<SignIn onSignIn={(s) => sessions.push(s)} />);
    fireEvent.change(screen.getByLabelText('Access token'), { target: { value: '{"role":"admin"}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByRole('alert').textContent).toMatch(/^This is not an access token/);
    expect(sessions).toEqual([]);
  });
});

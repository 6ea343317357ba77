/**
 * Server-side code that signs a visitor's identity for `Parley('identify', {token})`: the same
 * examples as docs/widget.md. The secret is read from the environment, never pasted into code.
 */
export interface IdentityExample {
  language: 'Node' | 'Python' | 'PHP' | 'Ruby';
  code: string;
}

export const IDENTITY_EXAMPLES: readonly IdentityExample[] = [
  {
    language: 'Node',
    code: `// npm install jose
import { SignJWT } from 'jose';

const secret = new TextEncoder().encode(process.env.PARLEY_IDENTITY_SECRET);

export function parleyToken(user) {
  return new SignJWT({ name: user.name, email: user.email })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(String(user.id))
    .setExpirationTime('10m')
    .sign(secret);
}`,
  },
  {
    language: 'Python',
    code: `# pip install pyjwt
import os, time, jwt

def parley_token(user):
    claims = {"sub": str(user.id), "name": user.name, "email": user.email,
              "exp": int(time.time()) + 600}
    return jwt.encode(claims, os.environ["PARLEY_IDENTITY_SECRET"], algorithm="HS256")`,
  },
  {
    language: 'PHP',
    code: `<?php
// composer require firebase/php-jwt
use Firebase\\JWT\\JWT;

function parley_token(array $user): string {
    $claims = ['sub' => (string) $user['id'], 'name' => $user['name'],
               'email' => $user['email'], 'exp' => time() + 600];
    return JWT::encode($claims, getenv('PARLEY_IDENTITY_SECRET'), 'HS256');
}`,
  },
  {
    language: 'Ruby',
    code: `# gem install jwt
require "jwt"

def parley_token(user)
  claims = { sub: user.id.to_s, name: user.name, email: user.email,
             exp: Time.now.to_i + 600 }
  JWT.encode(claims, ENV.fetch("PARLEY_IDENTITY_SECRET"), "HS256")
end`,
  },
];

/** The page side: what the site renders for a signed-in user. */
export const PAGE_EXAMPLE = `<script>
  Parley('identify', { token: '<%= parley_token(current_user) %>' });
  Parley('set', { attributes: { plan: 'pro' } });
</script>`;

// Said on the sign-in page when a council sign-in is refused: the API redirects with the code.
/** Why a council sign-in was refused: the code in `/?signInRefused=`, and the sentence shown. */
export const SIGN_IN_REFUSALS = {
  "not-started":
    "This sign-in was not started in this browser, has already been used or took more than ten minutes. Start again.",
  "wrong-issuer":
    "The answer came from an identity provider other than the one set up for your council, so it was not accepted. Ask your IT team to check Fundline's sign-in settings.",
  "code-refused":
    "Your council's identity provider would not confirm this sign-in: its code had been used already or had expired. Start again.",
  "token-expired":
    "The proof of sign-in from your council had expired when it reached Fundline. Check this computer's clock, then start again.",
  "token-invalid": "The proof of sign-in from your council could not be checked, so it was not accepted. Start again.",
  "no-email": "Your council's identity provider did not tell Fundline your email address. Ask your IT team.",
  "not-invited":
    "There is no Fundline account for this email address at your council. Ask a Fundline administrator to invite you.",
  "other-council":
    "Your Fundline account belongs to another council. Sign in with that council's account, or ask an administrator.",
  "account-off": "Your Fundline account is switched off. Ask a Fundline administrator.",
  "no-group":
    "Your council account is in none of the groups that give a role in Fundline. Ask your IT team to add you to one.",
  "provider-said-no": "Your council's identity provider did not sign you in. Start again, or ask your IT team.",
  "provider-unreachable": "Fundline could not reach your council's identity provider. Try again in a few minutes.",
  "not-set-up": "Your council does not sign in to Fundline with its own accounts. Sign in with your password.",
} as const;
export type SignInRefusal = keyof typeof SIGN_IN_REFUSALS;

export const isSignInRefusal = (code: string): code is SignInRefusal => Object.hasOwn(SIGN_IN_REFUSALS, code);

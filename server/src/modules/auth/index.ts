export { hashPassword, verifyPassword, isStrongEnough } from './password.ts';
export { endUserSessions, loadActor, startSession, toActor, type Profile } from './auth.service.ts';
export { findAuthEpoch, refreshSessionEpoch } from './sessions.repository.ts';
export { LoginOut, MeOut, loadMe, signIn } from './sign-in.service.ts';

/** The specs' server runs behind the editor password, as a networked deployment should; the specs sign in with it. */
export const EDITOR_CREDENTIALS = { username: 'e2e-admin', password: 'e2e-editor-password' };

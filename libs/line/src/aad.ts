// Where each encrypted LINE value belongs: the associated data binding a ciphertext to its row and field.
export const inboxAad = (inboxId: string) => `line-inbox:${inboxId}:payload`;
export const messageAad = (messageId: string) => `line-message:${messageId}:text`;
export const lineUserAad = (lineUserId: string) => `line-user:${lineUserId}:user-id`;
export const channelAad = (channelId: string, field: 'secret' | 'accessToken') => `line-channel:${channelId}:${field}`;
export const readTokenAad = (messageId: string) => `line-message:${messageId}:read-token`;

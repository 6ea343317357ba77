/** The console's building blocks, for tests and tools that drive it without the page (main.tsx). */
export { ApiError, createApi, type Api } from './api';
export { App, type AppProps } from './app';
export { consoleSocketUrl, createConsoleClient, type ConsoleClientOptions } from './connection';
export { createConversationModel, type ConversationModel } from './models/conversation-model';
export { createDeskModel, type DeskModel, type DeskOptions } from './models/desk-model';
export { createInboxModel, type InboxModel, type InboxOptions } from './models/inbox-model';
export { createSessionModel, type SessionModel, type SessionStatus } from './models/session-model';
export { memoryReadStore, webStorageReadStore, type ReadMarks, type ReadStore } from './read-store';

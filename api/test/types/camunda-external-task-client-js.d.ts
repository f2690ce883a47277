/** Minimal types for the official Camunda external task client (it ships none). */
declare module 'camunda-external-task-client-js' {
  export class Variables {
    get(name: string): any;
    getTyped(name: string): { value: unknown; type: string; valueInfo: Record<string, unknown> };
    set(name: string, value: unknown): Variables;
    setAll(values: Record<string, unknown>): Variables;
  }
  export interface Task {
    id: string;
    businessKey: string | null;
    retries: number | null;
    variables: Variables;
    [key: string]: unknown;
  }
  export interface TaskService {
    complete(task: Task, processVariables?: Variables, localVariables?: Variables): Promise<void>;
    handleFailure(task: Task, options: { errorMessage?: string; errorDetails?: string; retries?: number; retryTimeout?: number }): Promise<void>;
    handleBpmnError(task: Task, errorCode: string, errorMessage?: string, variables?: Variables): Promise<void>;
    extendLock(task: Task, newDuration: number): Promise<void>;
    unlock(task: Task): Promise<void>;
  }
  export class BasicAuthInterceptor {
    constructor(options: { username: string; password: string });
  }
  export class Client {
    constructor(options: Record<string, unknown>);
    subscribe(topic: string, options: Record<string, unknown>, handler: (args: { task: Task; taskService: TaskService }) => Promise<void>): unknown;
    start(): void;
    stop(): void;
    on(event: string, listener: (...args: any[]) => void): void;
  }
  export const logger: unknown;
}

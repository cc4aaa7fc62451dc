/** Which storage backend to use, read from the environment by src/config.ts. */
export type StorageConfig =
  | { kind: 'local'; dataDir: string }
  | {
      kind: 'cosmos';
      endpoint: string;
      /** Account key; when absent, DefaultAzureCredential (managed identity in Azure) is used. */
      key?: string;
      databaseName: string;
    };

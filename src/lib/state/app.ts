/**
 * This tab's dataset manager and upload manager, on the browser's engine, storage and
 * address. Pages read `dataset` (status, generation, identity) and declare what they show
 * through `followDataset` (dataset-query.svelte.ts); the Data page drives `upload`.
 * Nothing starts on import: the root layout calls `dataset.start()`.
 */
import type { BrowserDatabase } from '../db/browser-database';
import { browserEnvironment } from './browser-environment';
import { DatasetManager } from './dataset-manager.svelte';
import { UploadManager } from './upload-manager.svelte';
import { valueOverrides } from './upload-memory';

export const dataset = new DatasetManager<BrowserDatabase>(browserEnvironment());
export const upload = new UploadManager<BrowserDatabase>(dataset, valueOverrides);

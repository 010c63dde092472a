import type { ExtractedBatch, ExtractRequest, SourceCheck, SourceConnector } from '../../connector.js';
import { UserFacingError } from '../../../userFacingError.js';
import type { DatasetFileAccess } from './datasetFileAccess.js';
import { extractDatasetFile, type DatasetFile } from './extractDatasetFile.js';
import { readFileLines } from './readFileLines.js';

export interface DatasetSourceSettings<O extends string> {
  name: string;
  type: string;
  objects: readonly O[];
  batchSize: number;
  files: DatasetFileAccess;
  /** Resolves an object's file and builds its line mapping (loading lookup tables if it has any). */
  openObject(object: O, source: string): Promise<DatasetFile>;
}

/** A source made of static dataset files, one file per object (see extractDatasetFile). */
export class DatasetFileConnector<O extends string> implements SourceConnector {
  readonly name: string;
  readonly type: string;

  constructor(private readonly settings: DatasetSourceSettings<O>) {
    this.name = settings.name;
    this.type = settings.type;
  }

  private get label(): string {
    return `source "${this.name}" (${this.type})`;
  }

  objects(): readonly string[] {
    return this.settings.objects;
  }

  private objectOf(object: string): O {
    const known = this.settings.objects.find((o) => o === object);
    if (known === undefined) {
      throw new UserFacingError(`${this.label}: unknown object ${object}`, `use one of: ${this.settings.objects.join(', ')}`);
    }
    return known;
  }

  async *extract(request: ExtractRequest): AsyncIterable<ExtractedBatch> {
    const file = await this.settings.openObject(this.objectOf(request.object), this.label);
    yield* extractDatasetFile(file, request, { batchSize: this.settings.batchSize, files: this.settings.files, source: this.label });
  }

  /** Each object's file exists and starts like the published dataset; lands nothing. */
  async check(signal: AbortSignal): Promise<SourceCheck[]> {
    const checks: SourceCheck[] = [];
    for (const object of this.settings.objects) {
      if (signal.aborted) break;
      try {
        const file = await this.settings.openObject(object, this.label);
        for await (const first of readFileLines(file.path, this.settings.files)) {
          file.readFirstLine(first.text);
          break;
        }
        checks.push({ object, ok: true, message: `${file.path} is readable and has the expected layout` });
      } catch (error) {
        const message = error instanceof UserFacingError ? `${error.message} — ${error.fix}` : error instanceof Error ? error.message : String(error);
        checks.push({ object, ok: false, message });
      }
    }
    return checks;
  }
}

// CSV files to and from the server: exports are made there (streamed, whatever their size) and
// saved here under the name the server gives; an import sends the file itself as text/csv.
import { ApiError, query, type ApiErrorBody } from '../../shared/api';

type Params = Record<string, string | number | boolean | undefined | null>;

async function failure(response: Response): Promise<ApiError> {
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  const error = (body as ApiErrorBody | null)?.error;
  return new ApiError(response.status, error?.code ?? 'http_error', error?.message ?? `The server answered ${response.status}.`, error?.fields ?? {});
}

const networkError = (): ApiError => new ApiError(0, 'network', 'The connection to the clinic failed. Check your internet connection and try again.');

/** Downloads an export and saves it; returns the file's name. */
export async function downloadExport(path: string, params: Params): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${path}${query(params)}`, { credentials: 'same-origin' });
  } catch {
    throw networkError();
  }
  if (!response.ok) throw await failure(response);
  const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
  return filename;
}

/** A problem in one row of an imported file, as the server lists it. */
export interface RowProblem {
  row: number;
  field: string;
  column: string;
  value: string;
  message: string;
}

/** The server refused a file for its rows: nothing was imported. */
export class ImportRefusedError extends ApiError {
  constructor(
    message: string,
    readonly problems: RowProblem[],
    readonly problemCount: number,
  ) {
    super(400, 'invalid_rows', message);
  }
}

/** POSTs a file as text/csv and reads the JSON answer. */
export async function postCsv<T>(path: string, file: Blob, params: Params): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`${path}${query(params)}`, { method: 'POST', credentials: 'same-origin', headers: { accept: 'application/json', 'content-type': 'text/csv' }, body: file });
  } catch {
    throw networkError();
  }
  if (response.ok) return (await response.json()) as T;
  const copy = response.clone();
  const error = await failure(response);
  if (error.code === 'invalid_rows') {
    const body = (await copy.json()) as { problems?: RowProblem[]; problemCount?: number };
    throw new ImportRefusedError(error.message, body.problems ?? [], body.problemCount ?? 0);
  }
  throw error;
}

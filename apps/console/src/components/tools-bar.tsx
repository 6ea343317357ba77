/** The desk's tools strip under the header: transcript search and the canned responses list. */
import type { ToolsModel } from '../models/tools-model';
import { CannedManager } from './canned-manager';
import { TranscriptSearch } from './transcript-search';

export function ToolsBar({ tools }: { tools: ToolsModel }) {
  return (
    <div class="tools-bar">
      <TranscriptSearch search={tools.search} onOpen={tools.open} />
      <CannedManager canned={tools.canned} />
    </div>
  );
}

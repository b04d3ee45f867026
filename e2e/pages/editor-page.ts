import { expect, type Locator, type Page } from '@playwright/test';

/** The graph editor (/graphs/[id]) as a user drives it: palette, canvas, panels, versions. */
export class EditorPage {
  constructor(readonly page: Page) {}

  /** Opens a graph's editor; pass `empty` for a graph without nodes. */
  async open(graphId: string, { empty = false } = {}): Promise<void> {
    await this.page.goto(`/graphs/${graphId}`);
    await expect(this.canvas).toBeVisible();
    if (!empty) await expect(this.page.locator('.react-flow__node').first()).toBeVisible();
    await this.settled();
  }

  /**
   * Waits until the canvas stops moving: the editor fits the graph into view once its nodes are
   * measured, and a drag that starts before that lands beside the handle it aimed at.
   */
  async settled(): Promise<void> {
    const viewport = this.page.locator('.react-flow__viewport');
    let previous = '';
    await expect(async () => {
      const now = (await viewport.getAttribute('style')) ?? '';
      const stable = now === previous;
      previous = now;
      expect(stable).toBe(true);
    }).toPass({ intervals: [150, 150, 250, 250, 500], timeout: 10_000 });
  }

  /** Creates an empty graph through the "New graph" dialog and lands in its editor. */
  async createBlank(name: string): Promise<string> {
    await this.page.goto('/graphs');
    await this.page.getByRole('button', { name: 'New graph' }).first().click();
    await this.page.getByLabel('Name', { exact: true }).fill(name);
    await this.page.getByLabel('Blank canvas').check();
    await this.page.getByRole('button', { name: 'Create' }).click();
    await this.page.waitForURL(/\/graphs\/[0-9a-f-]{36}$/);
    await expect(this.canvas).toBeVisible();
    return this.page.url().split('/').pop()!;
  }

  get canvas(): Locator {
    return this.page.getByTestId('canvas');
  }

  get versionBadge(): Locator {
    return this.page.getByTestId('version-badge');
  }

  get saveStatus(): Locator {
    return this.page.getByTestId('save-status');
  }

  get canvasStatus(): Locator {
    return this.page.getByTestId('canvas-status');
  }

  get validation(): Locator {
    return this.page.getByTestId('validation-status');
  }

  paletteItem(type: string): Locator {
    return this.page.locator(`.palette [data-node-type="${type}"]`);
  }

  node(id: string): Locator {
    return this.page.getByTestId(`node-${id}`);
  }

  /** An output (`side: 'out'`) or input handle of a node. */
  handle(nodeId: string, side: 'in' | 'out', port: string): Locator {
    return this.node(nodeId).locator(`.react-flow__handle.${side === 'in' ? 'target' : 'source'}[data-port="${port}"]`);
  }

  get edges(): Locator {
    return this.page.locator('.react-flow__edge');
  }

  /** HTML5 drag from the palette onto the canvas at a point relative to the canvas' top-left corner. */
  async dragFromPalette(type: string, at: { x: number; y: number }): Promise<void> {
    const item = this.paletteItem(type);
    await item.scrollIntoViewIfNeeded();
    await item.dragTo(this.canvas, { targetPosition: at });
  }

  /** Presses the mouse on one handle and releases it on another, moving in steps like a hand would. */
  async drawConnection(from: Locator, to: Locator, options: { release?: boolean } = {}): Promise<void> {
    const a = await center(from);
    const b = await center(to);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 8 });
    await this.page.mouse.move(b.x, b.y, { steps: 8 });
    if (options.release !== false) await this.page.mouse.up();
  }

  /** Presses on an element and releases `by` pixels away, moving in steps like a hand would. */
  async dragBy(element: Locator, by: { x: number; y: number }): Promise<void> {
    const a = await center(element);
    await this.page.mouse.move(a.x, a.y);
    await this.page.mouse.down();
    await this.page.mouse.move(a.x + by.x / 2, a.y + by.y / 2, { steps: 6 });
    await this.page.mouse.move(a.x + by.x, a.y + by.y, { steps: 6 });
    await this.page.mouse.up();
  }

  async connect(from: [string, string], to: [string, string]): Promise<void> {
    await this.drawConnection(this.handle(from[0], 'out', from[1]), this.handle(to[0], 'in', to[1]));
  }

  async selectNode(id: string): Promise<void> {
    await this.node(id).locator('.gnode-head').click();
    await expect(this.page.getByRole('tab', { name: 'Inspector' })).toHaveAttribute('aria-selected', 'true');
  }

  /** A config field of the selected node, by its label. */
  field(label: string): Locator {
    return this.page.locator('.config-form').getByLabel(label, { exact: true });
  }

  async waitSaved(): Promise<void> {
    await expect(this.saveStatus).toHaveText('Saved');
  }

  async saveVersion(message: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Save version' }).click();
    const dialog = this.page.getByRole('dialog');
    await dialog.getByLabel('What changed?').fill(message);
    await dialog.getByRole('button', { name: /^Save v\d+$/ }).click();
    await expect(dialog).toBeHidden();
  }

  async openHistory(): Promise<void> {
    await this.page.getByRole('tab', { name: 'History' }).click();
  }

  async compareWith(versionNumber: number): Promise<void> {
    await this.openHistory();
    await this.page.getByRole('button', { name: `Compare version ${versionNumber} with the draft` }).click();
    await expect(this.page.getByRole('region', { name: 'Comparison' }).first()).toBeVisible();
  }

  /** Picks version `other` in the "Compare with…" of version `row`'s line in History. */
  async compareVersions(row: number, other: number): Promise<void> {
    await this.openHistory();
    const select = this.page.getByRole('combobox', { name: `Compare version ${row} with another version` });
    const value = await select.locator('option', { hasText: new RegExp(`^v${other}( ·|$)`) }).getAttribute('value');
    await select.selectOption(value!);
    await expect(this.page.getByRole('region', { name: 'Comparison' }).first()).toBeVisible();
  }

  async restore(versionNumber: number): Promise<void> {
    await this.openHistory();
    await this.page.getByRole('button', { name: `Restore version ${versionNumber}` }).click();
    const dialog = this.page.getByRole('dialog', { name: `Restore version ${versionNumber}?` });
    await dialog.getByRole('button', { name: /^Restore as v\d+$/ }).click();
    await expect(dialog).toBeHidden();
  }

  /** Fits the graph into view and waits for the animation to end, so handles are where they are drawn. */
  async fitView(): Promise<void> {
    await this.page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
    await this.page.keyboard.press('f');
    await this.settled();
  }
}

async function center(locator: Locator): Promise<{ x: number; y: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not visible');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

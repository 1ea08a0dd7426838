/**
 * The request machinery of the fake Office.js: proxies queue actions on their context, and
 * `context.sync()` sends them as one request (measured as JSON), applies them in order and only then
 * fills the properties that were loaded, as Office.js does.
 *
 * Faithful details, checked against Office.js itself (node_modules/@microsoft/office-js):
 * - every proxy created by a method or navigation queues an "instantiate" action, so `getItem("missing")`
 *   fails the next sync even if nothing else touches it, and `getItemOrNullObject` learns `isNullObject`;
 * - reading a property that is neither loaded nor set throws PropertyNotLoaded; a property you set reads
 *   back the value you set (Office.js keeps it locally); a null object's properties read as undefined;
 * - a failing action stops the batch: actions before it stay applied, nothing loaded is filled in;
 * - Excel.run syncs once more after the batch's promise resolves if anything is still queued.
 */
import { ErrorCodes, errors, FakeExcelUnsupported, FakeOfficeError } from "./errors";
import { WorkbookModel } from "./model";

export interface EventRegistration {
  readonly event: string;
  readonly handler: (args: unknown) => unknown;
}

export interface Host {
  readonly model: WorkbookModel;
  readonly maxRequestBytes: number;
  /** Most cells one operation may move (Excel on the web's OperationCellsExceedLimit); Infinity by default. */
  readonly operationCellLimit: number;
  readonly events: Set<EventRegistration>;
  recordSync(requestBytes: number): void;
  recordResponse(bytes: number): void;
  /** The user's cell-edit mode, shared by every context (see FakeExcel.startCellEdit). */
  readonly cellEdit: CellEditState;
}

/**
 * Cell-edit mode: while the user is typing in a cell, Excel fails a batch with InvalidOperationInCellEditMode
 * unless it was run with `{ delayForCellEdit: true }`, when it waits until the edit ends
 * (https://learn.microsoft.com/javascript/api/excel/excel.runoptions#excel-excel-runoptions-delayforcelledit-member).
 */
export interface CellEditState {
  active: boolean;
  /** Batches held until the edit ends (resolved in order by endCellEdit). */
  readonly waiting: (() => void)[];
}

/** Property of a proxy type: how it reads from the model and (if settable) writes to it at sync. */
export interface PropDef {
  read(model: unknown): unknown;
  write?(model: unknown, value: unknown, wireArgs: readonly unknown[]): void;
  /** Reads a 2-D array over the range's cells (counted against the response limit before it is built). */
  cells?: boolean;
}

export interface NavDef {
  make(parent: FakeObject, name: string, resolve: () => unknown, instantiate: boolean): FakeObject;
  model(parentModel: unknown): unknown;
  type(): TypeDesc;
  /** The proxy class, so its properties can be installed as accessors. */
  cls(): { prototype: object };
}

export interface TypeDesc {
  readonly name: string;
  readonly props: Record<string, PropDef>;
  readonly navs: Record<string, NavDef>;
  readonly collection?: {
    item(): TypeDesc;
    items(model: unknown): unknown[];
    make(parent: FakeObject, itemModel: unknown, index: number): FakeObject;
  };
  /** Throws ItemNotFound if the model object was deleted. */
  alive?(model: unknown): void;
  /** Cells under the object, for the response-size check of `cells` properties. */
  cellCount?(model: unknown): number;
}

// ------------------------------------------------------------------------------------------- load trees

export interface LoadTree {
  all: boolean;
  props: Set<string>;
  navs: Map<string, LoadTree>;
}

const emptyTree = (all = false): LoadTree => ({ all, props: new Set(), navs: new Map() });

function addPath(tree: LoadTree, path: string): void {
  const parts = path
    .split("/")
    .map((p) => p.trim())
    .filter(Boolean);
  if (parts.length === 0) return;
  let node = tree;
  for (const part of parts.slice(0, -1)) {
    let next = node.navs.get(part);
    if (!next) {
      next = emptyTree();
      node.navs.set(part, next);
    }
    node = next;
  }
  const last = parts[parts.length - 1];
  if (last === "*" || last === "$all") node.all = true;
  else node.props.add(last);
}

function addObjectTree(tree: LoadTree, option: Record<string, unknown>): void {
  for (const [name, value] of Object.entries(option)) {
    if (name === "$all") {
      if (value) tree.all = true;
    } else if (name === "$top" || name === "$skip" || name === "top" || name === "skip") {
      continue;
    } else if (value === true) {
      tree.props.add(name);
    } else if (value && typeof value === "object") {
      const sub = tree.navs.get(name) ?? emptyTree();
      addObjectTree(sub, value as Record<string, unknown>);
      if (sub.props.size === 0 && sub.navs.size === 0) sub.all = true;
      tree.navs.set(name, sub);
    }
  }
}

/** `load()` arguments in every form Office.js accepts: none, "a,b/c", ["a"], {select, expand}, {a: true, b: {c: true}}. */
export function parseLoadOption(option: unknown): LoadTree {
  if (option === undefined || option === null || option === "") return emptyTree(true);
  const tree = emptyTree();
  if (typeof option === "string") option.split(",").forEach((p) => addPath(tree, p));
  else if (Array.isArray(option))
    option.forEach((p) =>
      String(p)
        .split(",")
        .forEach((q) => addPath(tree, q)),
    );
  else if (typeof option === "object") {
    const o = option as Record<string, unknown>;
    if ("select" in o || "expand" in o) {
      if (typeof o.select === "string") o.select.split(",").forEach((p) => addPath(tree, p));
      if (typeof o.expand === "string") {
        for (const p of o.expand.split(",")) {
          addPath(tree, `${p.trim()}/*`);
        }
      }
      if (o.select === undefined) tree.all = true;
    } else {
      addObjectTree(tree, o);
    }
  }
  if (tree.props.size === 0 && tree.navs.size === 0) tree.all = true;
  return tree;
}

/** A collection's load tree applies to its items, whether written `items/name` or just `name`. */
function itemTree(tree: LoadTree): LoadTree {
  const items = tree.navs.get("items");
  const out: LoadTree = { all: tree.all || (items?.all ?? false), props: new Set(tree.props), navs: new Map(tree.navs) };
  out.navs.delete("items");
  out.props.delete("items");
  if (tree.props.has("items")) out.all = true;
  if (items) {
    items.props.forEach((p) => out.props.add(p));
    items.navs.forEach((sub, name) => out.navs.set(name, sub));
  }
  if (!out.all && out.props.size === 0 && out.navs.size === 0) out.all = true;
  return out;
}

type Data = { props: Record<string, unknown>; navs: Record<string, Data | null> } | { items: { model: unknown; data: Data }[] };

interface ReadBudget {
  readonly limit: number;
}

function readTree(type: TypeDesc, model: unknown, tree: LoadTree, budget: ReadBudget): Data {
  if (type.collection) {
    const inner = itemTree(tree);
    const itemType = type.collection.item();
    return { items: type.collection.items(model).map((m) => ({ model: m, data: readTree(itemType, m, inner, budget) })) };
  }
  const props: Record<string, unknown> = {};
  const navs: Record<string, Data | null> = {};
  const names = new Set(tree.all ? Object.keys(type.props) : tree.props);
  for (const name of names) {
    if (!tree.all && type.navs[name]) {
      const nav = type.navs[name];
      const child = nav.model(model);
      navs[name] = child === null ? null : readTree(nav.type(), child, emptyTree(true), budget);
      continue;
    }
    const def = type.props[name];
    if (!def) throw errors.invalidArgument(`${type.name} has no property '${name}' (or the test double does not implement it)`).at(`${type.name}.${name}`);
    if (def.cells && (type.cellCount?.(model) ?? 0) * 2 > budget.limit) throw errors.responseTooLarge(budget.limit);
    props[name] = def.read(model);
  }
  for (const [name, sub] of tree.navs) {
    const nav = type.navs[name];
    if (!nav)
      throw errors.invalidArgument(`${type.name} has no navigation property '${name}' (or the test double does not implement it)`).at(`${type.name}.${name}`);
    const child = nav.model(model);
    navs[name] = child === null ? null : readTree(nav.type(), child, sub, budget);
  }
  return { props, navs };
}

/** What goes over the wire for a query's result (models stay behind). */
function wireOf(data: Data | null): unknown {
  if (data === null) return null;
  if ("items" in data) return { value: data.items.map((i) => wireOf(i.data)) };
  const out: Record<string, unknown> = { ...data.props };
  for (const [name, sub] of Object.entries(data.navs)) out[name] = wireOf(sub);
  return out;
}

function applyTree(target: FakeObject, data: Data): void {
  target._isNull = false;
  if ("items" in data) {
    const collection = target._type().collection!;
    target._items = data.items.map((item, i) => {
      const proxy = collection.make(target, item.model, i);
      applyTree(proxy, item.data);
      return proxy;
    });
    return;
  }
  for (const [name, value] of Object.entries(data.props)) target._loaded.set(name, value);
  for (const [name, sub] of Object.entries(data.navs)) {
    const child = target._nav(name, false);
    if (sub === null) child._isNull = true;
    else applyTree(child, sub);
  }
}

// ------------------------------------------------------------------------------------------- actions

const ACTION = { instantiate: 1, query: 2, method: 3, setProperty: 4 } as const;

interface ActionResult {
  readonly wire: unknown;
  deliver(): void;
}

interface QueuedAction {
  readonly id: number;
  readonly location: string;
  readonly type: number;
  readonly name: string;
  readonly target: FakeObject;
  readonly args: readonly unknown[];
  readonly run: (wireArgs: readonly unknown[]) => ActionResult | void;
}

function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

export class FakeContext {
  /** Set by whoever creates the context (the workbook proxy needs the context first). */
  workbook!: FakeObject;
  readonly trackedObjects = {
    add: (_objects: unknown) => undefined,
    remove: (_objects: unknown) => undefined,
  };
  _queue: QueuedAction[] = [];
  _closed = false;
  /** Set from Excel.run's RunOptions. */
  _delayForCellEdit = false;
  private nextId = 1;

  constructor(readonly _host: Host) {}

  _id(): number {
    return this.nextId++;
  }

  /** The older `context.load(object, option)` form. */
  load<T extends { load(option?: unknown): T }>(object: T, option?: unknown): T {
    return object.load(option);
  }

  trace(_message: string): void {
    // Trace messages only help Office report where a batch failed; the double reports errorLocation instead.
  }

  _enqueue(type: number, name: string, target: FakeObject, args: readonly unknown[], run: QueuedAction["run"], location?: string): void {
    for (const arg of args) {
      if (arg instanceof FakeObject && arg.context !== this) throw errors.invalidRequestContext();
    }
    this._queue.push({ id: this._id(), location: location ?? `${target._type().name}.${name}`, type, name, target, args, run });
  }

  /** Sends the queued actions: the request is measured, refused if over the limit, then applied in order. */
  async sync<T>(passThroughValue?: T): Promise<T> {
    const actions = this._queue;
    this._queue = [];
    const request = this.requestOf(actions);
    const text = JSON.stringify(request);
    const bytes = utf8Length(text);
    this._host.recordSync(bytes);
    if (actions.length > 0 && this._closed) throw errors.invalidObjectPath();
    if (this._host.cellEdit.active) {
      if (!this._delayForCellEdit) throw errors.cellEditMode();
      await new Promise<void>((resolve) => this._host.cellEdit.waiting.push(resolve));
    }
    if (bytes > this._host.maxRequestBytes) throw errors.requestTooLarge(bytes, this._host.maxRequestBytes);
    // The host sees the arguments as JSON: Dates become strings, undefined and NaN become null.
    const wire = JSON.parse(text) as { Actions: { ArgumentInfo?: { Arguments?: unknown[] } }[] };
    const results: ActionResult[] = [];
    actions.forEach((action, i) => {
      try {
        const result = action.run(wire.Actions[i].ArgumentInfo?.Arguments ?? []);
        if (result) results.push(result);
      } catch (error) {
        if (error instanceof FakeOfficeError) throw error.at(action.location);
        throw error;
      }
    });
    const responseBytes = utf8Length(JSON.stringify({ Results: results.map((r) => r.wire) }));
    this._host.recordResponse(responseBytes);
    if (responseBytes > this._host.maxRequestBytes) throw errors.responseTooLarge(this._host.maxRequestBytes);
    // Results arrive with the response, not while the request is being sent.
    await Promise.resolve();
    for (const result of results) result.deliver();
    return passThroughValue as T;
  }

  private requestOf(actions: readonly QueuedAction[]): unknown {
    const paths: Record<number, unknown> = {};
    const addPath = (object: FakeObject | undefined) => {
      for (let o = object; o && paths[o._id] === undefined; o = o._parent) {
        paths[o._id] = {
          Id: o._id,
          ObjectPathType: o._pathType,
          Name: o._pathName,
          ParentObjectPathId: o._parent?._id,
          ArgumentInfo: { Arguments: o._pathArgs },
        };
      }
    };
    const Actions = actions.map((a) => {
      addPath(a.target);
      a.args.forEach((arg) => arg instanceof FakeObject && addPath(arg));
      const action: Record<string, unknown> = { Id: a.id, ActionType: a.type, Name: a.name, ObjectPathId: a.target._id };
      if (a.args.length) action.ArgumentInfo = { Arguments: a.args.map((arg) => (arg instanceof FakeObject ? { ObjectPathId: arg._id } : arg)) };
      return action;
    });
    return { Actions, ObjectPaths: paths };
  }
}

// ------------------------------------------------------------------------------------------- proxies

/** Property names tools probe on any object (await, jest's matchers and printers); never "not implemented". */
const PROBES = new Set([
  "then",
  "catch",
  "finally",
  "asymmetricMatch",
  "nodeType",
  "nodeName",
  "tagName",
  "jasmineToString",
  "inspect",
  "length",
  "size",
  "hasAttribute",
  "toJSON",
]);

export interface ObjectOptions {
  readonly parent?: FakeObject;
  /** Object path name, for the request's JSON ("GetRange", "GetItem", …). */
  readonly name: string;
  readonly args?: readonly unknown[];
  /** Finds the model object at sync; throws ItemNotFound (→ null object if nullable), or returns null below a null object. */
  readonly resolve?: () => unknown;
  readonly nullable?: boolean;
  /** Already bound (collection items): no instantiate action. */
  readonly bound?: unknown;
  readonly instantiate?: boolean;
}

export abstract class FakeObject {
  readonly context: FakeContext;
  _id: number;
  _parent: FakeObject | undefined;
  _pathName: string;
  _pathArgs: readonly unknown[];
  _pathType: number;
  _resolver: () => unknown;
  _nullable: boolean;
  _bound: unknown = undefined;
  _isNull: boolean | undefined = undefined;
  _loaded = new Map<string, unknown>();
  _children = new Map<string, FakeObject>();
  _items: FakeObject[] | undefined = undefined;

  constructor(context: FakeContext, options: ObjectOptions) {
    this.context = context;
    this._id = context._id();
    this._parent = options.parent;
    this._pathName = options.name;
    this._pathArgs = options.args ?? [];
    this._pathType = options.bound !== undefined ? 5 : 3;
    this._nullable = options.nullable ?? false;
    this._resolver = options.resolve ?? (() => this._bound);
    if (options.bound !== undefined) {
      this._bound = options.bound;
      this._isNull = options.bound === null;
    }
    const proxy = new Proxy(this, {
      get(target, prop, receiver) {
        if (typeof prop === "string" && !(prop in target) && /^[a-z][A-Za-z0-9]*$/.test(prop) && !PROBES.has(prop)) {
          throw new FakeExcelUnsupported(`FakeExcel: ${target._type().name}.${prop} is not implemented by the test double.`);
        }
        return Reflect.get(target, prop, receiver);
      },
      set(target, prop, value, receiver) {
        if (typeof prop === "string" && !(prop in target) && !prop.startsWith("_")) {
          throw new FakeExcelUnsupported(`FakeExcel: setting ${target._type().name}.${prop} is not implemented by the test double.`);
        }
        return Reflect.set(target, prop, value, receiver);
      },
    });
    if (options.bound === undefined && options.instantiate !== false) {
      const location = `${this._parent ? this._parent._type().name : "RequestContext"}.${this._pathName}`;
      context._enqueue(
        ACTION.instantiate,
        "",
        this,
        [],
        () => {
          const model = this._model();
          return { wire: null, deliver: () => (this._isNull = model === null) };
        },
        location,
      );
    }
    return proxy;
  }

  abstract _type(): TypeDesc;

  /** The model object this proxy stands for, found at sync (memoised); null for a null object. */
  _model(): unknown {
    if (this._bound === undefined) {
      try {
        this._bound = this._resolver();
      } catch (error) {
        if (this._nullable && error instanceof FakeOfficeError && error.code === ErrorCodes.itemNotFound) this._bound = null;
        else throw error;
      }
    }
    if (this._bound !== null) this._type().alive?.(this._bound);
    return this._bound;
  }

  /** The model below this proxy's model, or null below a null object. */
  _below(find: (model: never) => unknown): () => unknown {
    return () => {
      const model = this._model();
      return model === null ? null : find(model as never);
    };
  }

  get isNullObject(): boolean {
    if (this._isNull === undefined) throw errors.propertyNotLoaded(this._type().name, "isNullObject");
    return this._isNull;
  }

  _get(name: string): unknown {
    if (this._isNull === true) return undefined;
    if (!this._loaded.has(name)) throw errors.propertyNotLoaded(this._type().name, name);
    return this._loaded.get(name);
  }

  _set(name: string, value: unknown): void {
    const def = this._type().props[name];
    this._loaded.set(name, value);
    this.context._enqueue(ACTION.setProperty, name, this, [value], (wire) => {
      const model = this._model();
      if (model !== null) def.write!(model, wire[0], wire);
    });
  }

  /** Queues a method call; `run` gets the model and the arguments as the host receives them (JSON). */
  _call(name: string, args: readonly unknown[], run: (model: never, wire: readonly unknown[]) => void): void {
    this.context._enqueue(ACTION.method, name, this, args, (wire) => {
      const model = this._model();
      if (model !== null) run(model as never, wire);
    });
  }

  /** Queues a method whose scalar result arrives at sync, as an OfficeExtension.ClientResult. */
  _callForResult<T>(name: string, args: readonly unknown[], run: (model: never, wire: readonly unknown[]) => T): FakeClientResult<T> {
    const result = new FakeClientResult<T>();
    this.context._enqueue(ACTION.method, name, this, args, (wire) => {
      const model = this._model();
      const value = model === null ? (null as T) : run(model as never, wire);
      return { wire: value, deliver: () => result._set(value) };
    });
    return result;
  }

  _nav(name: string, instantiate = true): FakeObject {
    let child = this._children.get(name);
    if (!child) {
      const nav = this._type().navs[name];
      child = nav.make(
        this,
        name,
        this._below((model) => nav.model(model)),
        instantiate,
      );
      this._children.set(name, child);
    }
    return child;
  }

  load(option?: unknown): this {
    const tree = parseLoadOption(option);
    this.context._enqueue(
      ACTION.query,
      "",
      this,
      option === undefined ? [] : [option],
      () => {
        const model = this._model();
        if (model === null) return { wire: null, deliver: () => (this._isNull = true) };
        const data = readTree(this._type(), model, tree, { limit: this.context._host.maxRequestBytes });
        return { wire: wireOf(data), deliver: () => applyTree(this, data) };
      },
      `${this._type().name}.load`,
    );
    return this;
  }

  /** `object.set({...})`: assigns each property (recursing into navigation properties). */
  set(properties: Record<string, unknown>): void {
    const self = this as unknown as Record<string, unknown>;
    for (const [name, value] of Object.entries(properties)) {
      if (this._type().navs[name] && value && typeof value === "object") this._nav(name).set(value as Record<string, unknown>);
      else self[name] = value;
    }
  }

  track(): this {
    return this;
  }

  untrack(): this {
    return this;
  }

  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = Object.fromEntries(this._loaded);
    for (const [name, child] of this._children) {
      const json = child.toJSON();
      if (Object.keys(json).length) out[name] = json;
    }
    if (this._items) out.items = this._items.map((i) => i.toJSON());
    return out;
  }
}

export abstract class FakeCollection extends FakeObject {
  get items(): FakeObject[] {
    if (this._isNull === true) return [];
    if (this._items === undefined) throw errors.propertyNotLoaded(this._type().name, "items");
    return this._items;
  }
}

export class FakeClientResult<T> {
  private loaded = false;
  private result: T | undefined;

  _set(value: T): void {
    this.result = value;
    this.loaded = true;
  }

  get value(): T {
    if (!this.loaded) throw errors.valueNotLoaded();
    return this.result as T;
  }

  toJSON(): { value: T | undefined } {
    return { value: this.result };
  }
}

/** Defines each described property as an accessor on the class (get → loaded value, set → queued write). */
export function defineAccessors(cls: { prototype: object }, type: TypeDesc): void {
  for (const [name, def] of Object.entries(type.props)) {
    if (Object.prototype.hasOwnProperty.call(cls.prototype, name)) continue;
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: FakeObject) {
        return this._get(name);
      },
      ...(def.write
        ? {
            set(this: FakeObject, value: unknown) {
              this._set(name, value);
            },
          }
        : {}),
    });
  }
  for (const name of Object.keys(type.navs)) {
    if (Object.prototype.hasOwnProperty.call(cls.prototype, name)) continue;
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      enumerable: true,
      get(this: FakeObject) {
        return this._nav(name);
      },
    });
  }
}

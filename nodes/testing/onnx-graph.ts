import onnxProto from 'onnx-proto';

/**
 * A minimal ONNX graph builder over onnx-proto's protobuf classes, enough for the tiny test models in
 * tiny-onnx.ts (opset 13: ReduceSum and Unsqueeze take their axes as inputs, ReduceMax as attribute).
 */

const { onnx } = onnxProto;

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

type ElemType = 'float' | 'int64';
type Dim = number | string;
type AttrValue = number | number[];

export class OnnxGraphBuilder {
  private readonly nodes: onnxProto.onnx.INodeProto[] = [];
  private readonly initializers: onnxProto.onnx.ITensorProto[] = [];
  private readonly inputs: onnxProto.onnx.IValueInfoProto[] = [];
  private readonly outputs: onnxProto.onnx.IValueInfoProto[] = [];
  private counter = 0;

  input(name: string, type: ElemType, dims: Dim[]): string {
    this.inputs.push(valueInfo(name, type, dims));
    return name;
  }

  output(name: string, type: ElemType, dims: Dim[]): string {
    this.outputs.push(valueInfo(name, type, dims));
    return name;
  }

  /** a float initializer given row-major values and its shape */
  floats(name: string, values: readonly number[], dims: number[]): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (values.length !== expected) throw new Error(`initializer ${name}: ${values.length} values for shape [${dims.join(', ')}]`);
    this.initializers.push({ name, dataType: FLOAT, dims, floatData: [...values] });
    return name;
  }

  /** a float initializer stored as raw little-endian bytes (fast to encode for large weight matrices) */
  floatArray(name: string, values: Float32Array, dims: number[]): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    if (values.length !== expected) throw new Error(`initializer ${name}: ${values.length} values for shape [${dims.join(', ')}]`);
    this.initializers.push({ name, dataType: FLOAT, dims, rawData: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) });
    return name;
  }

  ints(name: string, values: readonly number[]): string {
    this.initializers.push({ name, dataType: INT64, dims: [values.length], int64Data: [...values] });
    return name;
  }

  /** adds a node; returns its (single) output name, `out` when given */
  op(opType: string, inputs: string[], attributes: Record<string, AttrValue> = {}, out?: string): string {
    const output = out ?? `${opType.toLowerCase()}_${this.counter++}`;
    this.nodes.push({
      opType,
      input: inputs,
      output: [output],
      name: `${opType}_${this.counter++}`,
      attribute: Object.entries(attributes).map(([name, value]) =>
        Array.isArray(value)
          ? { name, type: onnx.AttributeProto.AttributeType.INTS, ints: value }
          : { name, type: onnx.AttributeProto.AttributeType.INT, i: value },
      ),
    });
    return output;
  }

  toBytes(graphName: string): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: 'ragraph-tests',
      opsetImport: [{ domain: '', version: 13 }],
      graph: { name: graphName, node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, type: ElemType, dims: Dim[]): onnxProto.onnx.IValueInfoProto {
  return {
    name,
    type: {
      tensorType: {
        elemType: type === 'float' ? FLOAT : INT64,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

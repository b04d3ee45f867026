/**
 * onnxruntime-node's Linux build collects usage telemetry: events naming the model file, its graph
 * and producer, the OS, CPU and memory, and error messages, kept under ~/.cache/Microsoft and sent
 * to Microsoft's collector when the machine can reach it. A self-hosted RAG builder must not report
 * on the models its users load, so it is off unless ORT_DISABLE_TELEMETRY is set (to 0 to allow it).
 *
 * onnxruntime reads the variable from the process environment when it first starts. A worker
 * thread's process.env is a copy that never reaches that environment, so this runs on the main
 * thread: before it loads onnxruntime itself, and before it starts any thread that might.
 */
export function keepOnnxTelemetryOff(env: Record<string, string | undefined> = process.env): void {
  env.ORT_DISABLE_TELEMETRY ??= '1';
}

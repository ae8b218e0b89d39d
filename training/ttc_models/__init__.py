"""The built-in models: a small Llama-style decoder, its training loops and its ONNX export."""

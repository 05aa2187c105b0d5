"""The MCP surface: tools, resources, prompts, the safety gate and the transports."""

from chime_mcp.cli import main

raise SystemExit(main())

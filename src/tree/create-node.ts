import type { Block } from "../session/blocks.ts";
import { ErrorNode, NoticeNode, UserNode } from "./message-nodes.ts";
import type { TreeNode } from "./node.ts";
import { ReasoningNode } from "./reasoning-node.ts";
import { TextNode } from "./text-node.ts";
import { ToolNode } from "./tool-node.ts";

export function createNode(block: Block): TreeNode {
  switch (block.kind) {
    case "user":
      return new UserNode(block);
    case "text":
      return new TextNode(block);
    case "reasoning":
      return new ReasoningNode(block);
    case "tool":
      return new ToolNode(block);
    case "error":
      return new ErrorNode(block);
    case "notice":
      return new NoticeNode(block);
  }
}

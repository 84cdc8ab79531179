// Converts protocol user input (text, images, local images, mentions) into the Responses-API user
// message the model sees. Local images are read and inlined as data URLs.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { UserInput } from '../protocol/items';
import type { ContentPart, MessageItem } from '../models';

const IMAGE_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
};

async function localImagePart(path: string): Promise<ContentPart> {
  const mime = IMAGE_TYPES[extname(path).toLowerCase()];
  if (!mime) return { type: 'input_text', text: `[image ${path} skipped: unsupported image type]` };
  try {
    const data = await readFile(path);
    return { type: 'input_image', image_url: `data:${mime};base64,${data.toString('base64')}` };
  } catch (error) {
    return { type: 'input_text', text: `[image ${path} could not be read: ${(error as Error).message}]` };
  }
}

export async function userInputToMessage(input: readonly UserInput[]): Promise<MessageItem> {
  const content: ContentPart[] = [];
  for (const part of input) {
    switch (part.type) {
      case 'text':
        content.push({ type: 'input_text', text: part.text });
        break;
      case 'image':
        content.push({ type: 'input_image', image_url: part.url });
        break;
      case 'localImage':
        content.push(await localImagePart(part.path));
        break;
      case 'mention':
        content.push({ type: 'input_text', text: `@${part.path}` });
        break;
      case 'skill':
        content.push({ type: 'input_text', text: `<skill name="${part.name}" path="${part.path}" />` });
        break;
    }
  }
  return { type: 'message', role: 'user', content };
}

// Legacy decorators (experimentalDecorators): parameter decorators and decorator metadata, on a
// NestJS-like controller. This file type-checks.
import OpenAI from 'openai';

type Constructor = new (...args: any[]) => object;

function Controller(_prefix: string) {
  return <T extends Constructor>(target: T) => target;
}
function Post(_path: string): MethodDecorator {
  return () => {};
}
function Signal(): ParameterDecorator {
  return () => {};
}
function Body(): ParameterDecorator {
  return () => {};
}
function Inject(_token: string): PropertyDecorator & ParameterDecorator {
  return () => {};
}

@Controller('/chat')
export class ChatController {
  @Inject('client') private readonly client!: OpenAI;

  constructor(@Inject('fallback') private readonly fallback: OpenAI) {}

  @Post('/complete')
  async complete(@Body() body: { prompt: string }, @Signal() signal: AbortSignal): Promise<string> {
    const a = await this.client.chat.completions.create({ model: 'gpt-4.1-mini', messages: [{ role: 'user', content: body.prompt }] });
    const b = await this.fallback.chat.completions.create({ model: 'gpt-4.1-mini', messages: [] }, { signal });
    return `${a.id}${b.id}`;
  }

  @Post('/plain')
  async plain(@Body() body: { url: string }): Promise<number> {
    const response = await fetch(body.url);
    return response.status;
  }
}

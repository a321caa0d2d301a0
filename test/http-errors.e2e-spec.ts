import { Body, Controller, Get, Module, Post } from '@nestjs/common';
import { Type } from 'class-transformer';
import { IsInt, IsString, Max, Min, ValidateNested } from 'class-validator';
import { Public } from '@tsunagu/access';
import request from 'supertest';
import { LogCapture, startTestApp, TestApp } from './support/test-app';

class ChildDto {
  @IsString()
  name: string;
}

class ProbeDto {
  @IsInt()
  @Min(1)
  @Max(10)
  count: number;

  @ValidateNested()
  @Type(() => ChildDto)
  child: ChildDto;
}

const SECRET_IN_ERROR = 'internal-detail-0f3a9c';

@Public()
@Controller('pipeline-probe')
class PipelineProbeController {
  @Post()
  accept(@Body() body: ProbeDto) {
    return { count: body.count, childIsDto: body.child instanceof ChildDto };
  }

  @Get('crash')
  crash(): never {
    throw new Error(`database said: ${SECRET_IN_ERROR} at row 42`);
  }
}

@Module({ controllers: [PipelineProbeController] })
class PipelineProbeModule {}

describe('HTTP error format', () => {
  let app: TestApp;
  const logs = new LogCapture();

  beforeAll(async () => {
    app = await startTestApp('errors', { extraImports: [PipelineProbeModule], logs });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('accepts a valid body and turns it into the DTO', async () => {
    const res = await request(app.url).post('/api/v1/pipeline-probe').send({ count: 3, child: { name: 'x' } }).expect(201);
    expect(res.body).toEqual({ count: 3, childIsDto: true });
  });

  it('names every wrong field, nested ones by path, in Japanese', async () => {
    const res = await request(app.url).post('/api/v1/pipeline-probe').send({ count: 'many', child: { name: 5 } }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request', message: '入力内容に誤りがあります' });
    expect(res.body.requestId).toBe(res.headers['x-request-id']);
    const fields = Object.fromEntries(res.body.fields.map((f: { field: string; message: string }) => [f.field, f]));
    expect(fields.count.constraints).toContain('isInt');
    expect(fields.count.message).toBe('整数で入力してください');
    expect(fields['child.name'].constraints).toContain('isString');
    expect(JSON.stringify(res.body)).not.toContain('many');
  });

  it('refuses fields the DTO does not declare', async () => {
    const res = await request(app.url)
      .post('/api/v1/pipeline-probe')
      .send({ count: 1, child: { name: 'x' }, isAdmin: true })
      .expect(400);
    expect(res.body.fields).toEqual([expect.objectContaining({ field: 'isAdmin', constraints: ['whitelistValidation'] })]);
  });

  it('answers broken JSON with 400 in the same format', async () => {
    const res = await request(app.url).post('/api/v1/pipeline-probe').set('Content-Type', 'application/json').send('{"count": ').expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, message: 'JSON の形式が正しくありません', fields: [expect.objectContaining({ field: 'body' })] });
    expect(res.body.requestId).toBeDefined();
  });

  it('refuses a body over the limit with 413', async () => {
    const res = await request(app.url)
      .post('/api/v1/pipeline-probe')
      .send({ count: 1, child: { name: 'x'.repeat(1_100_000) } })
      .expect(413);
    expect(res.body).toMatchObject({ statusCode: 413, message: 'リクエストが大きすぎます' });
  });

  it('answers an unknown route with 404 in the same format', async () => {
    const res = await request(app.url).get('/api/v1/no-such-thing').expect(404);
    expect(res.body).toMatchObject({ statusCode: 404, error: 'Not Found' });
    expect(res.body.requestId).toBeDefined();
  });

  it('hides the stack and the internal message of a 500, and logs it with the request id', async () => {
    const res = await request(app.url).get('/api/v1/pipeline-probe/crash').expect(500);
    expect(Object.keys(res.body).sort()).toEqual(['error', 'message', 'requestId', 'statusCode']);
    expect(res.body.message).toBe('サーバー内部でエラーが発生しました');
    expect(res.text).not.toContain(SECRET_IN_ERROR);
    expect(res.text).not.toMatch(/at .*\.ts:\d+/);
    const logged = logs.lines.find((l) => l.includes(res.body.requestId) && l.includes('Unhandled error'));
    expect(logged).toBeDefined();
    expect(logged).not.toContain(SECRET_IN_ERROR);
  });
});

/**
 * User administration and diagnostician assignments. Who may do what to which account is user-access.ts;
 * an account outside the actor's view answers 404, like any other data outside one's scope.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { SessionUser } from '../../domain/roles.js';
import { badRequest, notFound } from '../../http/errors.js';
import { generatePassword } from '../../services/passwords.js';
import { assertCanManageState, manageScope, viewScope } from '../../services/user-access.js';
import {
  bulkAssign, createUser, findUser, listAssignments, listUsers, replaceAssignments, setPassword, stateAfter, updateUser,
  type UserView,
} from '../../services/users.js';
import { IdParams } from '../../schemas/common.js';
import {
  AssignmentsBody, AssignmentsSchema, BulkAssignBody, BulkAssignResultSchema, CreateUserBody, CreatedUserSchema, PatchUserBody, ResetPasswordBody,
  ResetPasswordSchema, UserListQuery, UserListSchema, UserSchema,
} from '../../schemas/users.js';

const users: FastifyPluginAsyncZod = async (app) => {
  const administrators = app.requireRole('admin', 'bureau', 'district');

  const visibleUser = (actor: SessionUser, id: number): UserView => {
    const user = findUser(app.db, id, viewScope(actor));
    if (!user) throw notFound('用户');
    return user;
  };
  const manageableUser = (actor: SessionUser, id: number): UserView => {
    const user = findUser(app.db, id, manageScope(actor));
    if (!user) throw notFound('用户');
    return user;
  };

  app.get(
    '/api/users',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '账号列表（管理员：全部；市工信局：区县、诊断人员、企业账号；区县：本区企业账号与诊断人员）',
        querystring: UserListQuery,
        response: { 200: UserListSchema },
      },
    },
    async (request) => ({ users: listUsers(app.db, viewScope(request.user!), request.query.role) }),
  );

  app.post(
    '/api/users',
    {
      preHandler: administrators,
      config: { errorCodes: { 409: ['conflict'] } },
      schema: {
        tags: ['users'],
        summary: '创建账号（角色与范围须在当前账号的管理范围内）',
        body: CreateUserBody,
        response: { 201: CreatedUserSchema },
      },
    },
    async (request, reply) => {
      const body = request.body;
      assertCanManageState(app.db, request.user!, body);
      const password = body.password ?? generatePassword();
      const user = await createUser(app.db, { ...body, displayName: body.displayName ?? body.username, password });
      return reply.status(201).send({ user, ...(body.password === undefined ? { generatedPassword: password } : {}) });
    },
  );

  app.get(
    '/api/users/:id',
    {
      preHandler: administrators,
      schema: { tags: ['users'], summary: '查看一个账号', params: IdParams, response: { 200: UserSchema } },
    },
    async (request) => visibleUser(request.user!, request.params.id),
  );

  app.patch(
    '/api/users/:id',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '修改账号（姓名、角色、区县、企业、停用）；停用或改变角色范围会让其会话立即失效',
        params: IdParams,
        body: PatchUserBody,
        response: { 200: UserSchema },
      },
    },
    async (request) => {
      const actor = request.user!;
      const user = manageableUser(actor, request.params.id);
      const change = request.body;
      if (user.id === actor.id && (change.disabled === true || (change.role !== undefined && change.role !== user.role)))
        throw badRequest('不能停用自己的账号或更改自己的角色；请由另一位管理员操作');
      assertCanManageState(app.db, actor, stateAfter(user, change));
      return updateUser(app.db, user, change);
    },
  );

  app.post(
    '/api/users/:id/password',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '重置他人密码；该账号的所有会话随之失效',
        params: IdParams,
        body: ResetPasswordBody,
        response: { 200: ResetPasswordSchema },
      },
    },
    async (request) => {
      const user = manageableUser(request.user!, request.params.id);
      const password = request.body.password ?? generatePassword();
      await setPassword(app.db, user.id, password);
      return request.body.password === undefined ? { generatedPassword: password } : {};
    },
  );

  const diagnostician = (actor: SessionUser, id: number): UserView => {
    const user = visibleUser(actor, id);
    if (user.role !== 'diagnostician') throw badRequest('只有诊断人员账号可以分配企业');
    return user;
  };

  app.get(
    '/api/users/:id/assignments',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '诊断人员负责的企业（区县账号只看到本区企业）',
        params: IdParams,
        response: { 200: AssignmentsSchema },
      },
    },
    async (request) => {
      const user = diagnostician(request.user!, request.params.id);
      return { enterprises: listAssignments(app.db, request.user!, user.id) };
    },
  );

  app.put(
    '/api/users/:id/assignments',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '设置诊断人员负责的企业（区县账号只改本区企业的分配，其他区县的分配保持不变）',
        params: IdParams,
        body: AssignmentsBody,
        response: { 200: AssignmentsSchema },
      },
    },
    async (request) => {
      const user = diagnostician(request.user!, request.params.id);
      return { enterprises: replaceAssignments(app.db, request.user!, user.id, request.body.enterpriseIds) };
    },
  );

  app.post(
    '/api/users/:id/assignments/bulk',
    {
      preHandler: administrators,
      schema: {
        tags: ['users'],
        summary: '批量分配企业给诊断人员（按所选企业，或按区县、行业；保留已有分配；区县账号只能分配本区企业）',
        params: IdParams,
        body: BulkAssignBody,
        response: { 200: BulkAssignResultSchema },
      },
    },
    async (request) => {
      const user = diagnostician(request.user!, request.params.id);
      return bulkAssign(app.db, request.user!, user.id, request.body);
    },
  );
};
export default users;

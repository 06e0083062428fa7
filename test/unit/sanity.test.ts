import { jwtVerify } from 'jose';
test('jose loads under jest', () => {
  expect(typeof jwtVerify).toBe('function');
});

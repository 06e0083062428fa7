import { DateTimeResolver, JSONObjectResolver } from 'graphql-scalars';
import type { Resolvers } from '../src/generated/resolvers-types';
import { Dashboard } from './Dashboard';
import { DashboardFilterPayload } from './DashboardFilterPayload';
import { DashboardPayload } from './DashboardPayload';
import { DashboardTilePayload } from './DashboardTilePayload';
import { FavoritePayload } from './FavoritePayload';
import { LookPayload } from './LookPayload';
import { Schedule } from './Schedule';
import { ScheduleDestination } from './ScheduleDestination';
import { SchedulePayload } from './SchedulePayload';
import { DashboardFilter } from './DashboardFilter';
import { DashboardTile } from './DashboardTile';
import { Explore } from './Explore';
import { ExploreField } from './ExploreField';
import { ExploreParameter } from './ExploreParameter';
import { Folder } from './Folder';
import { Look } from './Look';
import { LookmlModel } from './LookmlModel';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { QueryDefinition } from './QueryDefinition';
import { QueryResult } from './QueryResult';
import { QueryTask } from './QueryTask';
import { Viewer } from './Viewer';

/** Every resolver of the subgraph, one module per GraphQL type. */
export const resolvers: Resolvers = {
  DateTime: DateTimeResolver,
  JSONObject: JSONObjectResolver,
  Query,
  Mutation,
  Viewer,
  Look,
  Dashboard,
  DashboardTile,
  DashboardFilter,
  Folder,
  LookmlModel,
  Explore,
  ExploreField,
  ExploreParameter,
  QueryDefinition,
  QueryResult,
  QueryTask,
  LookPayload,
  DashboardPayload,
  DashboardTilePayload,
  DashboardFilterPayload,
  FavoritePayload,
  SchedulePayload,
  Schedule,
  ScheduleDestination,
};
